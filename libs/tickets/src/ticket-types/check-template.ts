import { z } from 'zod';
import { fieldKindOf, fieldKindSchemas } from './field-kinds';
import { TEMPLATE_DIALECT, type FieldSchema, type LayoutSection, type TicketFieldError } from './ticket-type';

export const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_FIELDS = 100;

const templateShape = z.strictObject({
  $schema: z.literal(TEMPLATE_DIALECT).optional(),
  type: z.literal('object'),
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  properties: z.record(z.string().regex(FIELD_NAME, 'Field names are snake_case: a-z, 0-9, _.'), z.looseObject({})),
  required: z.array(z.string()).optional(),
  additionalProperties: z.literal(false).optional(),
});

const layoutShape = z
  .array(
    z.strictObject({
      section: z.string().regex(FIELD_NAME, 'Section keys are snake_case: a-z, 0-9, _.'),
      title: z.string().min(1).max(200),
      fields: z.array(z.string()).min(1),
    }),
  )
  .max(50);

export type TemplateCheck =
  | { readonly ok: true; readonly fieldSchema: FieldSchema; readonly layout: readonly LayoutSection[] }
  | { readonly ok: false; readonly errors: readonly TicketFieldError[] };

function zodErrors(prefix: string, error: z.ZodError): TicketFieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    reason: 'invalid_template',
    message: issue.message,
  }));
}

function problem(field: string, message: string): TicketFieldError {
  return { field, reason: 'invalid_template', message };
}

function checkProperties(schema: z.output<typeof templateShape>): TicketFieldError[] {
  const errors: TicketFieldError[] = [];
  const names = Object.keys(schema.properties);
  if (names.length > MAX_FIELDS) errors.push(problem('fieldSchema.properties', `At most ${MAX_FIELDS} fields.`));
  for (const [name, field] of Object.entries(schema.properties)) {
    const at = `fieldSchema.properties.${name}`;
    const kind = fieldKindOf(field);
    if (typeof kind !== 'string') {
      errors.push(problem(at, kind.problem));
      continue;
    }
    const parsed = fieldKindSchemas[kind].safeParse(field);
    if (!parsed.success) errors.push(...zodErrors(at, parsed.error));
  }
  const required = schema.required ?? [];
  if (new Set(required).size !== required.length) errors.push(problem('fieldSchema.required', 'Names a field twice.'));
  for (const name of required) {
    if (!names.includes(name)) errors.push(problem('fieldSchema.required', `"${name}" is not a field.`));
  }
  return errors;
}

function checkLayout(layout: z.output<typeof layoutShape>, names: readonly string[]): TicketFieldError[] {
  if (layout.length === 0) return [];
  const errors: TicketFieldError[] = [];
  const placed = new Set<string>();
  const sections = new Set<string>();
  layout.forEach((section, index) => {
    if (sections.has(section.section)) errors.push(problem(`layout.${index}.section`, 'Section keys must be unique.'));
    sections.add(section.section);
    for (const name of section.fields) {
      if (!names.includes(name)) errors.push(problem(`layout.${index}.fields`, `"${name}" is not a field.`));
      else if (placed.has(name)) errors.push(problem(`layout.${index}.fields`, `"${name}" is placed twice.`));
      placed.add(name);
    }
  });
  for (const name of names) {
    if (!placed.has(name)) errors.push(problem('layout', `"${name}" is in no section (or leave the layout empty).`));
  }
  return errors;
}

/**
 * Checks a template an admin saves: the JSON Schema must stay inside the subset Switchboard
 * supports (see field-kinds.ts), and the layout must place every field exactly once.
 */
export function checkTemplate(fieldSchema: unknown, layout: unknown): TemplateCheck {
  const schema = templateShape.safeParse(fieldSchema);
  const sections = layoutShape.safeParse(layout ?? []);
  const errors = [
    ...(schema.success ? checkProperties(schema.data) : zodErrors('fieldSchema', schema.error)),
    ...(sections.success ? [] : zodErrors('layout', sections.error)),
  ];
  if (errors.length === 0 && schema.success && sections.success) {
    errors.push(...checkLayout(sections.data, Object.keys(schema.data.properties)));
  }
  if (errors.length > 0 || !schema.success || !sections.success) return { ok: false, errors };
  const checked: FieldSchema = { ...schema.data, additionalProperties: false };
  return { ok: true, fieldSchema: checked, layout: sections.data };
}
