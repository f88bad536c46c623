/**
 * Lines that open the quoted history in the replies of common clients: Gmail/Apple ("On … wrote:"),
 * Outlook ("-----Original Message-----", a "From:" header block), Chinese clients ("在 … 写道：",
 * "发件人：", "------------------ 原始邮件 ------------------"), Japanese ("… のメッセージ:").
 */
const QUOTE_OPENERS: readonly RegExp[] = [
  /^On .{0,300}wrote:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|Von|De):\s.+$/,
  /^在.{0,300}写道[:：]\s*$/,
  /^-{3,}\s*原始邮件\s*-{3,}\s*$/,
  /^(发件人|寄件者)[:：].*$/,
  /^.{0,300}のメッセージ[:：]?\s*$/,
];

/**
 * A forward's quoted block is the content the customer wants us to read, not history: Gmail's
 * "---------- Forwarded message ---------", Apple's "Begin forwarded message:", Outlook's FW:/WG:/TR:
 * subjects, Chinese clients' 转发/轉寄.
 */
const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv)\s*:\s*)*(?:fwd?|wg|tr|rv|enc|转发|轉寄|转寄|回复转发)\s*[:：]/iu;
const FORWARD_OPENERS: readonly RegExp[] = [
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^Begin forwarded message:\s*$/i,
  /^-{3,}\s*(转发邮件|轉寄郵件)(信息)?\s*-{3,}\s*$/,
];

/** "-- " is the standard delimiter (RFC 3676 §4.3); the others are common mobile footers. */
const SIGNATURE_OPENERS: readonly RegExp[] = [/^-- ?$/, /^Sent from my .{1,40}$/i, /^发自我的.{1,20}$/];

function firstIndex(lines: readonly string[], patterns: readonly RegExp[]): number {
  return lines.findIndex((line) => patterns.some((p) => p.test(line.trim())));
}

/**
 * The part of a plain-text body worth showing an agent: the customer's new words without the quoted
 * thread below them, trailing "> " quotes, or the signature. Falls back to the whole body when trimming
 * would leave nothing. A forward is kept whole: what was forwarded is the request. The original is kept elsewhere.
 */
export function trimQuotedReply(text: string, subject = ''): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (FORWARD_SUBJECT.test(subject) || firstIndex(lines, FORWARD_OPENERS) >= 0) return text.trim();
  const cut = [firstIndex(lines, QUOTE_OPENERS), firstIndex(lines, SIGNATURE_OPENERS)].filter((i) => i >= 0);
  const kept = cut.length > 0 ? lines.slice(0, Math.min(...cut)) : lines;
  const withoutQuotes = kept.filter((line) => !/^\s*>/.test(line));
  const shown = withoutQuotes.join('\n').trim();
  return shown.length > 0 ? shown : text.trim();
}
