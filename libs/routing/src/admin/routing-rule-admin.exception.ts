export enum RoutingRuleAdminExceptionCode {
  InvalidRule = 'invalid_rule',
  PositionTaken = 'position_taken',
  RuleNotFound = 'rule_not_found',
}

/** One field of a rule that cannot be saved, e.g. {field: 'teamId', reason: 'unknown_team'}. */
export interface RuleFieldProblem {
  readonly field: string;
  readonly reason: string;
  readonly message: string;
}

export class RoutingRuleAdminException extends Error {
  constructor(
    readonly code: RoutingRuleAdminExceptionCode,
    message: string,
    readonly fields?: readonly RuleFieldProblem[],
  ) {
    super(message);
    this.name = 'RoutingRuleAdminException';
  }
}
