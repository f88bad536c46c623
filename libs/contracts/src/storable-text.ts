/**
 * Text Postgres can store and every renderer can show: no U+0000 (Postgres refuses it in text and
 * jsonb, SQLSTATE 22021 / 22P05) and no lone UTF-16 surrogates (they are not Unicode scalar values).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSTORABLE = new RegExp(`${NUL.source}|${LONE_SURROGATE.source}`);

/** Whether the text holds a NUL or a lone surrogate (what the HTTP edge refuses). */
export const hasUnstorableText = (text: string): boolean => UNSTORABLE.test(text);

/** The text with NULs dropped and lone surrogates replaced by U+FFFD (what ingest stores). */
export const storableText = (text: string): string =>
  UNSTORABLE.test(text) ? text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD') : text;
