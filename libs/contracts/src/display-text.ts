/**
 * Characters that change how text looks without being seen: bidirectional overrides, embeddings and
 * isolates (a name that reads "gpj.exe" shown as "exe.jpg"), directional marks, zero-width spaces and
 * joiners, word joiners, invisible operators and the BOM. Stored as sent; neutralised when shown.
 */
const HIDDEN = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
/** ZWNJ shapes Persian, Arabic and Indic words; only between such letters it is kept. */
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Sinhala}]/u;
/** ZWJ builds emoji sequences (family, profession, flag tags); only between emoji it is kept. */
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F/u;

export interface DisplayText {
  /** The text to show: the hidden characters dropped. */
  readonly text: string;
  /** Each hidden character that was dropped, as U+XXXX, in order of first appearance. */
  readonly hidden: readonly string[];
}

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function legitimate(char: string, before: string, after: string): boolean {
  if (char === ZWNJ) return JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after);
  if (char === ZWJ) return EMOJI.test(before) && EMOJI.test(after);
  return false;
}

/** A name or subject as an agent or customer should see it, and what was hidden in it. */
export function displayText(text: string): DisplayText {
  const hidden: string[] = [];
  const chars = Array.from(text);
  const shown = chars.filter((char, i) => {
    if (!HIDDEN.test(char)) return true;
    if (legitimate(char, chars[i - 1] ?? '', chars[i + 1] ?? '')) return true;
    const point = codePoint(char);
    if (!hidden.includes(point)) hidden.push(point);
    return false;
  });
  return hidden.length === 0 ? { text, hidden } : { text: shown.join(''), hidden };
}
