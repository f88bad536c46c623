import { DomainException, assertUnreachable, type ErrorKind, type FieldProblem } from '@switchboard/errors';

export enum RoutingRuleAdminExceptionCode {
  /** A rule or setting with invalid fields; answers like any other validation failure. */
  InvalidRule = 'validation_failed',
  PositionTaken = 'position_taken',
  RuleNotFound = 'rule_not_found',
}

/** One field of a rule that cannot be saved, e.g. {field: 'teamId', reason: 'unknown_team'}. */
export type RuleFieldProblem = FieldProblem;

function kindOf(code: RoutingRuleAdminExceptionCode): ErrorKind {
  switch (code) {
    case RoutingRuleAdminExceptionCode.InvalidRule:
      return 'invalid';
    case RoutingRuleAdminExceptionCode.PositionTaken:
      return 'conflict';
    case RoutingRuleAdminExceptionCode.RuleNotFound:
      return 'not_found';
    default:
      return assertUnreachable(code, 'routing rule admin exception code');
  }
}

/** A refused change to the routing rules or settings. */
export class RoutingRuleAdminException extends DomainException<RoutingRuleAdminExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
