import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ajvLinearRegExp } from '@switchboard/linear-regex';
import { ATTACHMENT_SCHEMA, fieldKindOf } from './field-kinds';
import { KIND_ANNOTATION, type FieldKind, type FieldSchema, type TicketFieldError } from './ticket-type';

// Template patterns are an admin's and the values a customer's: matched in linear time, never by backtracking.
const ajv = new Ajv2020({
  allErrors: true,
  useDefaults: true,
  strict: true,
  strictRequired: false,
  code: { regExp: ajvLinearRegExp },
});
addFormats(ajv, ['date', 'uuid']);
ajv.addKeyword({ keyword: KIND_ANNOTATION, schemaType: 'string' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FieldValues = Record<string, unknown>;

/** The outcome of checking custom fields: the values with defaults applied, and every problem. */
export interface FieldCheck {
  readonly values: FieldValues;
  readonly errors: readonly TicketFieldError[];
}

function toAjvSchema(schema: FieldSchema): object {
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, field]) => [
      name,
      field[KIND_ANNOTATION] === 'attachment' ? { ...ATTACHMENT_SCHEMA, ...field, type: 'object' } : field,
    ]),
  );
  return { ...schema, properties, additionalProperties: false };
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const reasons: Record<string, string> = {
  type: 'invalid_type',
  enum: 'not_allowed',
  pattern: 'invalid_format',
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'too_small',
  maximum: 'too_big',
  minItems: 'too_few',
  maxItems: 'too_many',
  uniqueItems: 'duplicate_items',
};

function toFieldError(error: ErrorObject): TicketFieldError {
  const [field = '', ...inner] = error.instancePath.split('/').slice(1).map(decodePointer);
  if (field === '' && error.keyword === 'required') {
    const name = String(error.params['missingProperty']);
    return { field: name, reason: 'required', message: 'This field is required.' };
  }
  if (field === '' && error.keyword === 'additionalProperties') {
    const name = String(error.params['additionalProperty']);
    return { field: name, reason: 'unknown_field', message: 'The ticket type has no such field.' };
  }
  // Only attachments are objects: a nested `required` is a branch of their anyOf.
  if (error.keyword === 'required' || error.keyword === 'anyOf') {
    return {
      field,
      reason: 'invalid_attachment',
      message: 'An attachment needs sha256, name and size, or a storageRef.',
    };
  }
  const reason =
    error.keyword === 'format' ? `invalid_${String(error.params['format'])}` : (reasons[error.keyword] ?? 'invalid');
  const allowed = error.keyword === 'enum' ? `: ${(error.params['allowedValues'] as unknown[]).join(', ')}` : '';
  const where = inner.length > 0 ? `${inner.join('.')}: ` : '';
  return { field, reason, message: `${where}${error.message ?? 'is invalid'}${allowed}` };
}

/** One error per field (the first), so a form shows one clear message next to each input. */
function firstPerField(errors: readonly ErrorObject[]): TicketFieldError[] {
  const byField = new Map<string, TicketFieldError>();
  for (const error of errors) {
    const mapped = toFieldError(error);
    if (!byField.has(mapped.field)) byField.set(mapped.field, mapped);
  }
  return [...byField.values()];
}

/** A compiled template: checks custom field values and applies its defaults. */
export class FieldValidator {
  readonly kinds: ReadonlyMap<string, FieldKind>;
  readonly required: readonly string[];
  private readonly validate: ValidateFunction;

  constructor(readonly schema: FieldSchema) {
    this.validate = ajv.compile(toAjvSchema(schema));
    this.required = schema.required ?? [];
    const kinds = new Map<string, FieldKind>();
    for (const [name, field] of Object.entries(schema.properties)) {
      const kind = fieldKindOf(field);
      if (typeof kind === 'string') kinds.set(name, kind);
    }
    this.kinds = kinds;
  }

  /** Checks the shape of the values (customer references are checked against the database separately). */
  check(input: Readonly<FieldValues>): FieldCheck {
    const values = structuredClone(input) as FieldValues;
    const valid = this.validate(values);
    return { values, errors: valid ? [] : firstPerField(this.validate.errors ?? []) };
  }

  /** The customer ids the values reference, so one query can check they exist in the tenant. */
  customerRefs(values: Readonly<FieldValues>): { field: string; id: string }[] {
    const refs: { field: string; id: string }[] = [];
    for (const [name, kind] of this.kinds) {
      const value = values[name];
      if (kind === 'customer_ref' && typeof value === 'string' && UUID.test(value))
        refs.push({ field: name, id: value.toLowerCase() });
    }
    return refs;
  }
}
