import type { SqlExecutor } from '@switchboard/persistence';
import { RoutingRuleAdminException, RoutingRuleAdminExceptionCode } from './routing-rule-admin.exception';
import type {
  RoutingRuleAdminRepository,
  RoutingRuleVersionView,
  RoutingRuleView,
} from './routing-rule-admin.repository';

export class ReadRoutingRulesUseCase {
  constructor(
    private readonly db: SqlExecutor,
    private readonly rules: RoutingRuleAdminRepository,
  ) {}

  /** Every rule of the tenant, enabled or not, by position. */
  async list(tenantId: string): Promise<{ rules: RoutingRuleView[] }> {
    return { rules: await this.rules.listRules(this.db, tenantId) };
  }

  /** The versions saves replaced, newest first; the current one is the rule itself. */
  async versions(
    tenantId: string,
    ruleId: string,
  ): Promise<{ current: RoutingRuleView; versions: RoutingRuleVersionView[] }> {
    const current = (await this.rules.listRules(this.db, tenantId)).find((rule) => rule.id === ruleId);
    if (!current) throw new RoutingRuleAdminException(RoutingRuleAdminExceptionCode.RuleNotFound, 'No such rule.');
    return { current, versions: await this.rules.listVersions(this.db, tenantId, ruleId) };
  }
}
