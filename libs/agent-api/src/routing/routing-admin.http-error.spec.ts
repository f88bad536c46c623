import { RoutingRuleAdminException, RoutingRuleAdminExceptionCode } from '@switchboard/routing';
import { routingAdminHttpError } from './routing-admin.http-error';

describe('routing admin errors over HTTP', () => {
  it.each([
    [RoutingRuleAdminExceptionCode.InvalidRule, 400, 'validation_failed'],
    [RoutingRuleAdminExceptionCode.PositionTaken, 409, 'position_taken'],
    [RoutingRuleAdminExceptionCode.RuleNotFound, 404, 'rule_not_found'],
  ])('maps %s to %i %s', (code, status, httpCode) => {
    const fields = [{ field: 'teamId', reason: 'unknown_team', message: 'No such team.' }];
    const error = routingAdminHttpError(new RoutingRuleAdminException(code, 'failed', fields));
    expect(error).toMatchObject({ status, code: httpCode, fields });
  });
});
