import { z } from 'zod';
import { linearRegexProblem } from '@switchboard/linear-regex';
import { KIND_ANNOTATION, type FieldKind } from './ticket-type';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const label = {
  title: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
};

const options = z
  .array(z.string().min(1).max(200))
  .min(1)
  .max(200)
  .refine((values) => new Set(values).size === values.length, 'Options must be unique.');

const regex = z
  .string()
  .max(500)
  .superRefine((source, ctx) => {
    const problem = linearRegexProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: `Must be a valid regular expression: ${problem}.` });
  });

const count = z.int().min(0).max(1_000_000);

/** The strict JSON Schema shape of each field kind: any other keyword is refused when a template is saved. */
export const fieldKindSchemas: Record<FieldKind, z.ZodType> = {
  text: z.strictObject({
    type: z.literal('string'),
    ...label,
    minLength: count.optional(),
    maxLength: count.optional(),
    pattern: regex.optional(),
    default: z.string().optional(),
  }),
  number: z.strictObject({
    type: z.enum(['number', 'integer']),
    ...label,
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    default: z.number().optional(),
  }),
  date: z.strictObject({
    type: z.literal('string'),
    format: z.literal('date'),
    ...label,
    default: z.string().regex(ISO_DATE, 'Must be a date such as 2026-01-31.').optional(),
  }),
  enum: z
    .strictObject({ type: z.literal('string'), enum: options, ...label, default: z.string().optional() })
    .refine((f) => f.default === undefined || f.enum.includes(f.default), {
      message: 'The default must be one of the options.',
      path: ['default'],
    }),
  multi_select: z
    .strictObject({
      type: z.literal('array'),
      items: z.strictObject({ type: z.literal('string'), enum: options }),
      uniqueItems: z.literal(true),
      ...label,
      minItems: count.optional(),
      maxItems: count.optional(),
      default: z.array(z.string()).optional(),
    })
    .refine((f) => (f.default ?? []).every((v) => f.items.enum.includes(v)), {
      message: 'Every default must be one of the options.',
      path: ['default'],
    }),
  attachment: z.strictObject({ type: z.literal('object'), [KIND_ANNOTATION]: z.literal('attachment'), ...label }),
  customer_ref: z.strictObject({
    type: z.literal('string'),
    format: z.literal('uuid'),
    [KIND_ANNOTATION]: z.literal('customer_ref'),
    ...label,
  }),
};

/** Which kind a field's schema declares, or why it is none of them. */
export function fieldKindOf(field: Readonly<Record<string, unknown>>): FieldKind | { readonly problem: string } {
  const annotation = field[KIND_ANNOTATION];
  if (annotation === 'attachment' || annotation === 'customer_ref') return annotation;
  if (annotation !== undefined) return { problem: `Unknown ${KIND_ANNOTATION} ${JSON.stringify(annotation)}.` };
  switch (field['type']) {
    case 'array':
      return 'multi_select';
    case 'number':
    case 'integer':
      return 'number';
    case 'string':
      if (field['format'] === 'date') return 'date';
      if (field['format'] !== undefined) return { problem: 'Only the formats date and uuid are supported.' };
      return field['enum'] === undefined ? 'text' : 'enum';
    default:
      return { problem: 'type must be string, number, integer or array (or an x-switchboard-kind).' };
  }
}

/** Attachments have one fixed shape: a stored file by sha256/name/size, or a storage reference. */
export const ATTACHMENT_SCHEMA = {
  type: 'object',
  properties: {
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 0 },
    contentType: { type: 'string', maxLength: 255 },
    storageRef: { type: 'string', minLength: 1, maxLength: 1000 },
  },
  additionalProperties: false,
  anyOf: [{ required: ['sha256', 'name', 'size'] }, { required: ['storageRef'] }],
} as const;
