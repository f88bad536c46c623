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

/** An error a route throws to answer with a given status and machine-readable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}
