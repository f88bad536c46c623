import { HttpError } from '@switchboard/http';
import { RoutingRuleAdminExceptionCode, type RoutingRuleAdminException } from '@switchboard/routing';

function answerOf(code: RoutingRuleAdminExceptionCode): { status: number; code: string } {
  switch (code) {
    case RoutingRuleAdminExceptionCode.InvalidRule:
      return { status: 400, code: 'validation_failed' };
    case RoutingRuleAdminExceptionCode.PositionTaken:
      return { status: 409, code: 'position_taken' };
    case RoutingRuleAdminExceptionCode.RuleNotFound:
      return { status: 404, code: 'rule_not_found' };
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped routing rule admin exception code: ${String(unmapped)}`);
    }
  }
}

/** The one place routing-admin failures become HTTP answers (the agent API's own codes map in agent-api.exception). */
export function routingAdminHttpError(exception: RoutingRuleAdminException): HttpError {
  const answer = answerOf(exception.code);
  return new HttpError(answer.status, answer.code, exception.message, exception.fields);
}
