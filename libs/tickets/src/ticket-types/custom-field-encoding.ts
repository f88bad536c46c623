import type { FieldValidator, FieldValues } from './field-validator';
import type { FieldKind, TicketFieldError } from './ticket-type';

const STRING_KINDS: ReadonlySet<FieldKind> = new Set(['text', 'date', 'enum', 'customer_ref']);

/**
 * Turns an InboundMessage's `custom_fields` (map<string, string>) into values for the template:
 * text, date, enum and customer reference fields take the string as it is; number, multi-select and
 * attachment fields carry JSON (`42`, `["a","b"]`, `{"storageRef":"..."}`). An empty string means
 * "not given", as an empty form input does. Names the template does not know stay strings, so
 * validation reports them as unknown fields.
 */
export function decodeCustomFields(
  validator: FieldValidator,
  raw: Readonly<Record<string, string>>,
): { values: FieldValues; errors: TicketFieldError[] } {
  const values: FieldValues = {};
  const errors: TicketFieldError[] = [];
  for (const [name, text] of Object.entries(raw)) {
    if (text === '') continue;
    const kind = validator.kinds.get(name);
    if (kind === undefined || STRING_KINDS.has(kind)) {
      values[name] = text;
      continue;
    }
    try {
      values[name] = JSON.parse(text) as unknown;
    } catch {
      errors.push({ field: name, reason: 'invalid_json', message: 'Must be JSON for this kind of field.' });
    }
  }
  return { values, errors };
}

/** The reverse, for a channel that sends fields: strings stay as they are, everything else is JSON. */
export function encodeCustomFields(values: Readonly<FieldValues>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}
