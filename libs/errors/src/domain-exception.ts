import type { FieldProblem } from './field-problem';

/**
 * What kind of failure a domain code is, independent of the transport: the HTTP filter answers a status
 * per kind, the consumer loop dead-letters every kind but `unavailable`, which it retries.
 */
export const ERROR_KINDS = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

const errorKinds: ReadonlySet<unknown> = new Set(ERROR_KINDS);

/** Whether a value names an error kind (for errors that fail instanceof: another copy of this lib). */
export const isErrorKind = (value: unknown): value is ErrorKind => errorKinds.has(value);

/**
 * The base of every feature's exception. `code` is the machine-readable code clients read (it goes
 * on the wire as `error.code`); `kind` comes from the feature's exhaustive mapping of its codes.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    readonly code: Code,
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function isDomainException(error: unknown): error is DomainException {
  return error instanceof DomainException;
}

/** For exhaustive switches: a code that reaches here was added without a mapping. */
export function assertUnreachable(value: never, what: string): never {
  throw new Error(`Unmapped ${what}: ${String(value)}`);
}
