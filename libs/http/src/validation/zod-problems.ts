import type { z } from 'zod';
import type { FieldProblem } from '@switchboard/errors';

type Issue = z.core.$ZodIssue;

/** Words for the messages: a field's label and, for format errors, a hint how to write it. */
export interface ProblemWording {
  readonly labels?: Readonly<Record<string, string>>;
  readonly formatHints?: Readonly<Record<string, string>>;
}

const isAbsent = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const isSized = (origin: string): boolean => origin === 'string' || origin === 'array' || origin === 'set';

/**
 * The one vocabulary of field reasons (docs/api-errors.md): required, invalid_type, too_short /
 * too_long (text), too_few / too_many (lists), too_small / too_big (numbers, dates), invalid_email,
 * invalid_<format>, invalid_format (patterns), invalid_value (not one of the allowed values),
 * unrecognized_key, invalid; a refinement may name its own reason with `params: { reason }`.
 */
export function reasonOf(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return isAbsent(input) ? 'required' : 'invalid_type';
    case 'too_small':
      if (isSized(issue.origin) && isAbsent(input)) return 'required';
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 && input === '' ? 'required' : 'too_short';
      return issue.origin === 'array' || issue.origin === 'set' ? 'too_few' : 'too_small';
    case 'too_big':
      if (issue.origin === 'string') return 'too_long';
      return issue.origin === 'array' || issue.origin === 'set' ? 'too_many' : 'too_big';
    case 'invalid_format':
      return issue.format === 'regex' ? 'invalid_format' : `invalid_${issue.format}`;
    case 'invalid_value':
      return 'invalid_value';
    case 'unrecognized_keys':
      return 'unrecognized_key';
    case 'custom':
      return typeof issue.params?.['reason'] === 'string' ? issue.params['reason'] : 'invalid';
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return 'invalid';
  }
}

function messageOf(field: string, reason: string, issue: Issue, wording: ProblemWording): string {
  const label = wording.labels?.[field];
  if (!label) return issue.message;
  switch (reason) {
    case 'required':
      return `${label} is required.`;
    case 'too_long':
      return issue.code === 'too_big' ? `${label} must be at most ${String(issue.maximum)} characters.` : issue.message;
    case 'invalid_email':
      return 'Enter a valid email address, e.g. name@example.com.';
    case 'invalid_format':
      return `${label} is not valid: ${wording.formatHints?.[field] ?? 'check the format'}.`;
    default:
      return `${label} is not valid.`;
  }
}

function inputAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

/** One problem per field (the first zod reported), in the order zod found them. */
export function fieldProblemsOf(error: z.ZodError, input: unknown, wording: ProblemWording = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const field = path.map(String).join('.') || '(body)';
      if (seen.has(field)) continue;
      seen.add(field);
      const reason = reasonOf(issue, inputAt(input, path));
      problems.push({ field, reason, message: messageOf(field, reason, issue, wording) });
    }
  }
  return problems;
}
