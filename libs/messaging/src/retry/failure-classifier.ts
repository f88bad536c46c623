import { isDomainException, isErrorKind } from '@switchboard/errors';

/**
 * What a handler failure means for the batch:
 * - transient: the dependency is down or contended (connection refused, lock timeout, broker gone). The
 *   batch is retried, uncommitted, until it succeeds: dead-lettering would turn an outage into data loss.
 * - permanent: the record itself is refused (validation, a domain rejection, a Postgres data exception).
 *   It goes to the DLQ at once.
 * - unknown: anything else, most likely a bug. Retried a bounded number of times, then isolated and
 *   dead-lettered, so that one bad record cannot block its partition forever.
 */
export type FailureClass = 'transient' | 'permanent' | 'unknown';

/** Node/libuv errno codes of a network peer that is down, slow or unresolvable. */
const transientErrnoCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Postgres SQLSTATEs that say "try again later": 40001 serialization failure, 40P01 deadlock,
 * 55P03 lock not available, 57014 query cancelled (statement_timeout), 57P01-57P03 admin/crash
 * shutdown and cannot connect now. Classes 08 (connection) and 53 (insufficient resources) as a whole.
 */
const transientSqlStates = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03']);
const transientSqlClasses = ['08', '53'];
/** Class 22, data exception (a NUL in text, a value out of range): the record's content, refused every time. */
const permanentSqlClasses = ['22'];

/** Messages of node-postgres / pg-pool errors that carry no code. */
const transientMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (?:is )?closed/i,
  /client has encountered a connection error/i,
];

/** @platformatic/kafka: network and timeout errors, or protocol errors the broker marks retriable. */
const transientKafkaCodes = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT']);

interface ErrorShape {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly kind?: unknown;
  readonly canRetry?: unknown;
  readonly driverError?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
  readonly issues?: unknown;
  readonly name?: unknown;
}

const isObject = (value: unknown): value is ErrorShape => typeof value === 'object' && value !== null;

/** Classifies what a batch handler threw; wrappers (TypeORM driverError, cause, AggregateError) are looked through. */
export function classifyFailure(error: unknown): FailureClass {
  return classify(error, 0);
}

function classify(error: unknown, depth: number): FailureClass {
  if (!isObject(error) || depth > 5) return 'unknown';
  const own = classifyOwn(error);
  if (own !== 'unknown') return own;
  for (const inner of innerErrors(error)) {
    const found = classify(inner, depth + 1);
    if (found !== 'unknown') return found;
  }
  return 'unknown';
}

function classifyOwn(error: ErrorShape): FailureClass {
  // Duck-typed too: a DomainException from another copy of the lib (or a plain object) fails instanceof.
  if (isDomainException(error) || isErrorKind(error.kind)) {
    return error.kind === 'unavailable' ? 'transient' : 'permanent';
  }
  if (isValidationError(error)) return 'permanent';
  const code = typeof error.code === 'string' ? error.code : '';
  if (transientErrnoCodes.has(code) || transientKafkaCodes.has(code)) return 'transient';
  if (/^[0-9A-Z]{5}$/.test(code) && isTransientSqlState(code)) return 'transient';
  if (/^[0-9A-Z]{5}$/.test(code) && permanentSqlClasses.some((prefix) => code.startsWith(prefix))) return 'permanent';
  if (code.startsWith('PLT_KFK_') && error.canRetry === true) return 'transient';
  const message = typeof error.message === 'string' ? error.message : '';
  if (transientMessages.some((pattern) => pattern.test(message))) return 'transient';
  return 'unknown';
}

function isTransientSqlState(code: string): boolean {
  return transientSqlStates.has(code) || transientSqlClasses.some((prefix) => code.startsWith(prefix));
}

/** A zod error (or anything shaped like one): the payload is wrong and will stay wrong. */
function isValidationError(error: ErrorShape): boolean {
  return error.name === 'ZodError' && Array.isArray(error.issues);
}

function innerErrors(error: ErrorShape): unknown[] {
  const inner: unknown[] = [error.driverError, error.cause];
  if (Array.isArray(error.errors)) inner.push(...(error.errors as unknown[]));
  return inner.filter((value) => value !== undefined && value !== error);
}
