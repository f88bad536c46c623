import type { preValidationHookHandler } from 'fastify';
import { hasUnstorableText } from '@switchboard/contracts';
import type { FieldProblem } from '@switchboard/errors';
import { HttpEdgeException, HttpEdgeExceptionCode } from '../errors/http-edge.exception';

/** Deeper than any form, custom field or API body we accept; recursive code further in must never see more. */
export const MAX_JSON_DEPTH = 32;
const MAX_REPORTED_FIELDS = 20;

export interface InputScreening {
  readonly tooDeep: boolean;
  /** Fields (dotted paths; "(body)" for the value itself) whose text holds a NUL or a lone surrogate. */
  readonly unstorable: readonly string[];
}

/** Walks a parsed input without recursion: nesting depth, and text that cannot be stored. */
export function screenInput(value: unknown, depthLimit: number = MAX_JSON_DEPTH): InputScreening {
  const unstorable: string[] = [];
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0 && unstorable.length < MAX_REPORTED_FIELDS) {
    const next = stack.pop();
    if (!next) break;
    if (typeof next.value === 'string') {
      if (hasUnstorableText(next.value)) unstorable.push(next.path || '(body)');
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= depthLimit) return { tooDeep: true, unstorable };
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (hasUnstorableText(key)) unstorable.push(path);
      stack.push({ value: child, depth: next.depth + 1, path });
    }
  }
  return { tooDeep: false, unstorable };
}

const invalidCharacters = (field: string): FieldProblem => ({
  field,
  reason: 'invalid_characters',
  message: 'Contains a NUL character or an unpaired surrogate.',
});

/**
 * Refuses, before validation, bodies nested deeper than the limit (20,000 levels once overflowed the
 * stack: a 500) and text Postgres cannot store in the body, query or path (a NUL once lost a message).
 */
export const screenRequestInput: preValidationHookHandler = (request, _reply, done) => {
  const body = screenInput(request.body);
  if (body.tooDeep) {
    done(
      new HttpEdgeException(
        HttpEdgeExceptionCode.MalformedBody,
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
      ),
    );
    return;
  }
  const unstorable = [
    ...body.unstorable,
    ...screenInput(request.query).unstorable,
    ...screenInput(request.params).unstorable,
  ];
  if (unstorable.length > 0) {
    done(
      new HttpEdgeException(
        HttpEdgeExceptionCode.ValidationFailed,
        'The request has invalid fields.',
        unstorable.map(invalidCharacters),
      ),
    );
    return;
  }
  done();
};
