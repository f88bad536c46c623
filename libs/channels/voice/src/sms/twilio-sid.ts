import { z } from 'zod';

/** Twilio resource ids: a two-letter type prefix and 32 hex digits (`SM…`, `AC…`, `CA…`, `RE…`). */
export const sidOf = (...prefixes: readonly string[]) =>
  z.string().regex(new RegExp(`^(?:${prefixes.join('|')})[0-9a-fA-F]{32}$`), `must be a Twilio ${prefixes[0]} id`);

export const ACCOUNT_SID = sidOf('AC');
/** Messages are `SM…`; MMS created before 2017 are `MM…`. */
export const MESSAGE_SID = sidOf('SM', 'MM');
export const CALL_SID = sidOf('CA');
export const RECORDING_SID = sidOf('RE');
export const TRANSCRIPTION_SID = sidOf('TR');

/** An optional text parameter: Twilio sends empty strings for unknown geography. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().max(max).optional());
