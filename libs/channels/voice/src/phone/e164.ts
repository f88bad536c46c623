import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A short code (3 to 8 digits) a carrier routes to one sender; it has no E.164 form. */
const SHORT_CODE = /^\d{3,8}$/;

/**
 * The E.164 form of a number (`+8613800138000`), or undefined when it is not a valid number. Twilio
 * sends E.164 already; numbers typed by agents or tenants ("138 0013 8000") need the tenant's country.
 * The full metadata is used so that a well-formed but unassigned range is refused, not stored.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** The address of our side of a conversation: an E.164 number, or a short code kept as digits. */
export function toSenderAddress(input: string, defaultCountry?: CountryCode): string | undefined {
  const trimmed = input.trim();
  return SHORT_CODE.test(trimmed) ? trimmed : toE164(trimmed, defaultCountry);
}

export type { CountryCode };
