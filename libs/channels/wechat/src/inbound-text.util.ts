import { storableText } from '@switchboard/contracts';

/**
 * Truncates by code points, never inside a surrogate pair, so an emoji at the cut is kept or dropped
 * whole; and makes the text storable (no NUL, no lone surrogate).
 */
export function clippedText(text: string, maxCodePoints: number): string {
  const clean = storableText(text);
  if (clean.length <= maxCodePoints) return clean;
  return Array.from(clean).slice(0, maxCodePoints).join('');
}

/** The first line of a message, as a ticket subject. */
export function subjectOf(text: string): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return clippedText(firstLine, 120);
}
