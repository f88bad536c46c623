/** What an inbound text asks of our messaging, before it can become a ticket. */
export type KeywordAction = 'opt_out' | 'opt_in' | 'help';

/**
 * Twilio's default keywords on long codes (Advanced Opt-Out documents STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, REVOKE, OPTOUT; START, YES, UNSTOP; HELP, INFO), plus the replies Chinese
 * carriers print in every marketing SMS ("回TD退订"): a customer who sends them means to stop.
 */
export const DEFAULT_KEYWORDS: Readonly<Record<KeywordAction, readonly string[]>> = {
  opt_out: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'TD', '退订', '取消订阅'],
  opt_in: ['START', 'YES', 'UNSTOP'],
  help: ['HELP', 'INFO', '帮助'],
};

export interface KeywordSet {
  readonly opt_out: readonly string[];
  readonly opt_in: readonly string[];
  readonly help: readonly string[];
}

/** Punctuation and spaces people add around a keyword ("Stop.", " STOP!", "退订。"). */
const SURROUNDING = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

const normalize = (text: string): string => text.normalize('NFKC').replace(SURROUNDING, '').toUpperCase();

/** Extra keywords of a tenant are added to the defaults, never replace them: STOP must always work. */
export function keywordSetOf(extra: Partial<KeywordSet> = {}): KeywordSet {
  const merge = (action: KeywordAction) => [...DEFAULT_KEYWORDS[action], ...(extra[action] ?? [])].map(normalize);
  return { opt_out: merge('opt_out'), opt_in: merge('opt_in'), help: merge('help') };
}

const DEFAULT_SET = keywordSetOf();

/** Advanced Opt-Out's `OptOutType` values. */
const TWILIO_OPT_OUT_TYPES: Readonly<Record<string, KeywordAction>> = {
  STOP: 'opt_out',
  START: 'opt_in',
  HELP: 'help',
};

/**
 * The keyword a whole message is, as carriers match them: the entire text, trimmed, case ignored
 * ("STOP" opts out, "please stop the noise" is a message). Twilio's `OptOutType` parameter, set when
 * a Messaging Service's Advanced Opt-Out matched, wins: it knows the service's custom keywords.
 */
export function classifyKeyword(
  body: string,
  keywords: KeywordSet = DEFAULT_SET,
  optOutType?: string,
): KeywordAction | undefined {
  const twilioMatch = optOutType ? TWILIO_OPT_OUT_TYPES[optOutType.toUpperCase()] : undefined;
  if (twilioMatch) return twilioMatch;
  const word = normalize(body);
  if (word === '') return undefined;
  if (keywords.opt_out.includes(word)) return 'opt_out';
  if (keywords.opt_in.includes(word)) return 'opt_in';
  if (keywords.help.includes(word)) return 'help';
  return undefined;
}
