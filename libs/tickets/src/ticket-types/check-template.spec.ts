import { checkTemplate } from './check-template';
import { DEFAULT_TICKET_TYPES } from './ticket-type-catalog';

const schemaWith = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...extra,
});

function errorsOf(fieldSchema: unknown, layout: unknown = []) {
  const result = checkTemplate(fieldSchema, layout);
  return result.ok ? [] : result.errors;
}

describe('checkTemplate', () => {
  it('accepts every default template', () => {
    for (const type of DEFAULT_TICKET_TYPES) expect(errorsOf(type.fieldSchema, type.layout)).toEqual([]);
  });

  it('accepts each supported field kind', () => {
    const result = checkTemplate(
      schemaWith(
        {
          note: { type: 'string', maxLength: 10 },
          count: { type: 'integer', minimum: 0, default: 1 },
          day: { type: 'string', format: 'date' },
          color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
          tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, uniqueItems: true },
          file: { type: 'object', 'x-switchboard-kind': 'attachment' },
          owner: { type: 'string', format: 'uuid', 'x-switchboard-kind': 'customer_ref' },
        },
        { required: ['note'] },
      ),
      [],
    );
    expect(result.ok).toBe(true);
  });

  it('names the field and keyword of an unsupported schema', () => {
    const errors = errorsOf(
      schemaWith({
        nested: { type: 'object' },
        email: { type: 'string', format: 'email' },
        note: { type: 'string', oneOf: [] },
        color: { type: 'string', enum: ['red'], default: 'green' },
      }),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'fieldSchema.properties.nested',
      'fieldSchema.properties.email',
      'fieldSchema.properties.note',
      'fieldSchema.properties.color.default',
    ]);
    expect(errors.every((e) => e.reason === 'invalid_template')).toBe(true);
  });

  it('refuses a field pattern that cannot run in linear time (lookaround, backreferences)', () => {
    const errors = errorsOf(schemaWith({ code: { type: 'string', pattern: '^(?!test)\\w+$' } }));
    expect(errors.map((e) => e.reason)).toEqual(['invalid_template']);
    expect(errors[0]?.message).toMatch(/linear time/);
  });

  it('refuses required names that are not fields, and a non-object root', () => {
    expect(errorsOf(schemaWith({ a: { type: 'string' } }, { required: ['b'] }))).toEqual([
      expect.objectContaining({ field: 'fieldSchema.required', message: '"b" is not a field.' }),
    ]);
    expect(errorsOf({ type: 'array', properties: {} })[0]?.field).toBe('fieldSchema.type');
  });

  it('requires a layout to place every field exactly once', () => {
    const schema = schemaWith({ a: { type: 'string' }, b: { type: 'string' } });
    const errors = errorsOf(schema, [{ section: 'one', title: 'One', fields: ['a', 'a', 'zz'] }]);
    expect(errors.map((e) => e.message)).toEqual([
      '"a" is placed twice.',
      '"zz" is not a field.',
      '"b" is in no section (or leave the layout empty).',
    ]);
  });
});
