import { decodeCustomFields } from './custom-field-encoding';
import { FieldValidator } from './field-validator';
import type { FieldSchema } from './ticket-type';

const schema: FieldSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 5 },
    count: { type: 'integer', minimum: 1, default: 1 },
    day: { type: 'string', format: 'date' },
    color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, uniqueItems: true },
    file: { type: 'object', 'x-switchboard-kind': 'attachment' },
    owner: { type: 'string', format: 'uuid', 'x-switchboard-kind': 'customer_ref' },
  },
  required: ['title', 'day'],
};
const validator = new FieldValidator(schema);
const reasons = (values: Record<string, unknown>) =>
  Object.fromEntries(validator.check(values).errors.map((e) => [e.field, e.reason]));

describe('FieldValidator', () => {
  it('applies defaults and accepts valid values of every kind', () => {
    const check = validator.check({
      title: 'Hi',
      day: '2026-02-28',
      tags: ['a', 'b'],
      file: { sha256: 'a'.repeat(64), name: 'x.png', size: 10 },
      owner: '0190d1c4-0000-7000-8000-000000000001',
    });
    expect(check.errors).toEqual([]);
    expect(check.values).toMatchObject({ count: 1, color: 'red' });
  });

  it('reports required fields by name', () => {
    expect(reasons({})).toEqual({ title: 'required', day: 'required' });
  });

  it('reports one reason per wrong field', () => {
    expect(
      reasons({
        title: 'too long',
        day: '2026-02-30',
        count: 0,
        color: 'green',
        tags: ['a', 'a'],
        file: { name: 'no hash' },
        owner: 'not-a-uuid',
        extra: 'x',
      }),
    ).toEqual({
      title: 'too_long',
      day: 'invalid_date',
      count: 'too_small',
      color: 'not_allowed',
      tags: 'duplicate_items',
      file: 'invalid_attachment',
      owner: 'invalid_uuid',
      extra: 'unknown_field',
    });
  });

  it('refuses an option outside a multi-select and a number given as text', () => {
    expect(reasons({ title: 'a', day: '2026-01-01', tags: ['c'], count: '2' })).toEqual({
      tags: 'not_allowed',
      count: 'invalid_type',
    });
  });

  it('lists customer references that are well-formed uuids', () => {
    expect(validator.customerRefs({ owner: '0190D1C4-0000-7000-8000-000000000001' })).toEqual([
      { field: 'owner', id: '0190d1c4-0000-7000-8000-000000000001' },
    ]);
    expect(validator.customerRefs({ owner: 'nope' })).toEqual([]);
  });
});

describe('decodeCustomFields', () => {
  it('keeps strings for string kinds, parses JSON for the others, skips empty values', () => {
    const decoded = decodeCustomFields(validator, {
      title: '[not json]',
      count: '3',
      tags: '["a"]',
      color: '',
      file: '{"storageRef":"s3://x"}',
    });
    expect(decoded).toEqual({
      values: { title: '[not json]', count: 3, tags: ['a'], file: { storageRef: 's3://x' } },
      errors: [],
    });
  });

  it('reports a non-JSON value for a JSON kind', () => {
    expect(decodeCustomFields(validator, { count: 'three' }).errors).toEqual([
      { field: 'count', reason: 'invalid_json', message: 'Must be JSON for this kind of field.' },
    ]);
  });

  it('matches a template pattern in linear time, so a backtracking pattern cannot freeze the server', () => {
    const patterned = new FieldValidator({
      type: 'object',
      properties: { code: { type: 'string', pattern: '^(a+)+$' } },
    });
    const check = patterned.check({ code: `${'a'.repeat(5_000)}!` });
    expect(check.errors).toEqual([expect.objectContaining({ field: 'code', reason: 'invalid_format' })]);
    expect(patterned.check({ code: 'a'.repeat(5_000) }).errors).toEqual([]);
  });
});
