import type { preValidationHookHandler } from 'fastify';
import { HttpEdgeException, HttpEdgeExceptionCode } from '../errors/http-edge.exception';

/** Deeper than any form, custom field or API body we accept; recursive code further in must never see more. */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed body nests objects or arrays deeper than `limit`, found without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** Refuses over-deep bodies before validation: 20,000 nested arrays once overflowed the stack (a 500). */
export const refuseDeepBodies: preValidationHookHandler = (request, _reply, done) => {
  if (nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
    done(
      new HttpEdgeException(
        HttpEdgeExceptionCode.MalformedBody,
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
      ),
    );
    return;
  }
  done();
};
