/** One field's problem, as every 4xx with per-field reasons reports it (vocabulary: docs/api-errors.md). */
export interface FieldProblem {
  readonly field: string;
  /** Machine-readable, snake_case: "required", "invalid_email", "too_long", ... */
  readonly reason: string;
  readonly message: string;
}
