import type { FieldProblem } from '@switchboard/http';

const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
/** How an HTML form names a template field: `<input name="fields[order_number]">`. */
const FORM_FIELD = /^fields\[(.*)\]$/;
const MAX_FIELDS = 100;
const MAX_VALUE = 10_000;

export type CustomFieldsParse =
  | { readonly ok: true; readonly customFields: Record<string, string> }
  | { readonly ok: false; readonly problems: FieldProblem[] };

/** Every given value by field name: from a JSON body's `fields` object and a form body's `fields[name]` keys. */
function givenValues(body: object): [string, unknown][] {
  const nested: unknown = Reflect.get(body, 'fields');
  const fromJson =
    typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? Object.entries(nested) : [];
  const fromForm = Object.entries(body).flatMap(([key, value]): [string, unknown][] => {
    const name = FORM_FIELD.exec(key)?.[1];
    return name === undefined ? [] : [[name, value]];
  });
  return [...fromJson, ...fromForm];
}

/**
 * The ticket-type fields of a submission, encoded as InboundMessage.custom_fields: strings as they
 * are (trimmed; empty means not given), anything else as JSON (numbers, multi-select arrays,
 * attachment objects). The ticket service checks them against the type's template.
 */
export function parseCustomFields(body: object): CustomFieldsParse {
  const customFields: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  const given = givenValues(body);
  if (given.length > MAX_FIELDS) {
    return { ok: false, problems: [{ field: 'fields', reason: 'too_many', message: `At most ${MAX_FIELDS} fields.` }] };
  }
  for (const [name, value] of given) {
    const field = `fields.${name}`;
    if (!FIELD_NAME.test(name)) {
      problems.push({ field, reason: 'invalid_format', message: 'Field names are snake_case: a-z, 0-9, _.' });
      continue;
    }
    const encoded = typeof value === 'string' ? value.trim() : value === null ? '' : JSON.stringify(value);
    if (encoded.length > MAX_VALUE) {
      problems.push({ field, reason: 'too_long', message: `At most ${MAX_VALUE} characters.` });
    } else if (encoded !== '') customFields[name] = encoded;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, customFields };
}
