import type { FieldProblem } from '@switchboard/http';
import type { z } from 'zod';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';

/** zod's issue codes, renamed to the snake_case reasons our clients read. */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  if (issue.code === 'invalid_format') return issue.format === 'regex' ? 'invalid_format' : `invalid_${issue.format}`;
  if (issue.code === 'too_small') return 'too_small';
  if (issue.code === 'too_big') return 'too_big';
  if (issue.code === 'custom' && typeof issue.params?.['reason'] === 'string') return issue.params['reason'];
  return issue.code;
}

function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    reason: reasonOf(issue),
    message: issue.message,
  }));
}

/** Parses untrusted input, or throws validation_failed with one problem per field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  // reportInput only so a missing field can be told from a wrong one; inputs never leave this function.
  const parsed = schema.safeParse(input ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new AgentApiException(
    AgentApiExceptionCode.ValidationFailed,
    'The request has invalid fields.',
    fieldProblems(parsed.error),
  );
}
