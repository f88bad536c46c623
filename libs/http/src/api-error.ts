import type { FieldProblem } from '@switchboard/errors';

export type { FieldProblem } from '@switchboard/errors';

/** The body of every error response: `{ "error": { "code": ..., "message": ..., "fields"?: [...] } }`. */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: readonly FieldProblem[];
  };
}
