import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { HttpEdgeException, HttpEdgeExceptionCode } from '../errors/http-edge.exception';
import { fieldProblemsOf, type ProblemWording } from './zod-problems';

/** Parses untrusted input with a zod schema, or throws validation_failed with one problem per field. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  wording?: ProblemWording,
): z.output<Schema> {
  // reportInput only so a missing field can be told from a wrong one; inputs never leave this function.
  const parsed = schema.safeParse(input ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new HttpEdgeException(
    HttpEdgeExceptionCode.ValidationFailed,
    'The request has invalid fields.',
    fieldProblemsOf(parsed.error, input ?? {}, wording),
  );
}

/** The validation pipe over our zod schemas (nestjs-zod does not support Nest 12). */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(
    private readonly schema: Schema,
    private readonly wording?: ProblemWording,
  ) {}

  transform(value: unknown): z.output<Schema> {
    return parseInput(this.schema, value, this.wording);
  }
}
