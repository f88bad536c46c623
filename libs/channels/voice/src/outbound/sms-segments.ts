/**
 * GSM 03.38 default alphabet (one septet each) and its extension table (escape + one septet, so two).
 * A text made only of these is sent GSM-7: 160 septets in one SMS, 153 per part when concatenated
 * (the user data header takes 7). Anything else makes the whole message UCS-2: 70 UTF-16 code units,
 * 67 per part; a character outside the BMP (most emoji) takes two units and never straddles two parts.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  readonly encoding: SmsEncoding;
  readonly segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  readonly units: number;
  /** How many more units fit in the last segment before another is needed. */
  readonly remainingInSegment: number;
  /** Characters that forced UCS-2 (the first few), so the agent can replace them. */
  readonly nonGsmCharacters: readonly string[];
}

const LIMITS = { 'GSM-7': { single: 160, multi: 153 }, 'UCS-2': { single: 70, multi: 67 } } as const;

/** Units each character takes in the encoding, one entry per user-perceived code point. */
function unitsPerCharacter(text: string, encoding: SmsEncoding): number[] {
  const units: number[] = [];
  for (const char of text) {
    if (encoding === 'GSM-7') units.push(extension.has(char) ? 2 : 1);
    else units.push(char.length);
  }
  return units;
}

/** Greedy packing as handsets and Twilio split: a character that does not fit whole starts the next part. */
function packedSegments(units: readonly number[], perSegment: number): { segments: number; lastUsed: number } {
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > perSegment) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { segments, lastUsed: used };
}

export function countSmsSegments(text: string): SegmentCount {
  const nonGsm = [...new Set([...text].filter((c) => !basic.has(c) && !extension.has(c)))];
  const encoding: SmsEncoding = nonGsm.length === 0 ? 'GSM-7' : 'UCS-2';
  const units = unitsPerCharacter(text, encoding);
  const total = units.reduce((sum, n) => sum + n, 0);
  const limit = LIMITS[encoding];
  if (total <= limit.single) {
    return {
      encoding,
      segments: total === 0 ? 0 : 1,
      units: total,
      remainingInSegment: limit.single - total,
      nonGsmCharacters: nonGsm.slice(0, 10),
    };
  }
  const { segments, lastUsed } = packedSegments(units, limit.multi);
  return {
    encoding,
    segments,
    units: total,
    remainingInSegment: limit.multi - lastUsed,
    nonGsmCharacters: nonGsm.slice(0, 10),
  };
}
