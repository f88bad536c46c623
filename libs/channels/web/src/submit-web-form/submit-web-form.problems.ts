import type { z } from 'zod';
import type { FieldProblem } from '@switchboard/http';

const LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  category: 'Category',
  subject: 'Subject',
  message: 'Message',
  region: 'Region',
  language: 'Language',
  clientMessageId: 'clientMessageId',
  'Idempotency-Key': 'The Idempotency-Key header',
};

const FORMAT_HINTS: Readonly<Record<string, string>> = {
  phone: 'use international format with country code, e.g. +8613800138000',
  category: 'use 1 to 64 lower-case letters, digits, "-" or "_"',
  region: 'use 1 to 64 lower-case letters, digits, "-" or "_"',
  language: 'use a language tag such as "en" or "zh-CN"',
  clientMessageId: 'use 8 to 128 letters, digits, ".", "_", ":" or "-"',
  'Idempotency-Key': 'use 8 to 128 letters, digits, ".", "_", ":" or "-"',
};

type Issue = z.core.$ZodIssue;

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function describe(field: string, issue: Issue, raw: unknown): Omit<FieldProblem, 'field'> {
  const label = LABELS[field] ?? field;
  switch (issue.code) {
    case 'invalid_type':
      return isAbsent(raw)
        ? { reason: 'required', message: `${label} is required.` }
        : { reason: 'invalid_type', message: `${label} must be a single text value.` };
    case 'too_big':
      return { reason: 'too_long', message: `${label} must be at most ${String(issue.maximum)} characters.` };
    case 'too_small':
      return { reason: 'required', message: `${label} is required.` };
    case 'invalid_format':
      return issue.format === 'email'
        ? { reason: 'invalid_email', message: 'Enter a valid email address, e.g. name@example.com.' }
        : { reason: 'invalid_format', message: `${label} is not valid: ${FORMAT_HINTS[field] ?? 'check the format'}.` };
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'invalid_value':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return { reason: 'invalid', message: `${label} is not valid.` };
  }
}

/** One problem per field (the first zod found), in schema order. */
export function problemsFrom(issues: readonly Issue[], raw: object, fieldName?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = fieldName ?? String(issue.path[0] ?? 'body');
    if (seen.has(field)) continue;
    seen.add(field);
    const value: unknown = Reflect.get(raw, field);
    problems.push({ field, ...describe(field, issue, value) });
  }
  return problems;
}
