import { newId as makeId } from '@switchboard/ids';
import type { Database, SqlExecutor } from '@switchboard/persistence';
import { RoutingRuleAdminException, RoutingRuleAdminExceptionCode } from './routing-rule-admin.exception';
import type { RoutingRuleAdminRepository, RoutingRuleView } from './routing-rule-admin.repository';
import type { RoutingRuleDraft } from './routing-rule-draft.command';

/** Who saves, in which tenant: every save is scoped and attributed. */
export interface RuleEditor {
  readonly tenantId: string;
  readonly agentId: string;
}

const UNIQUE_VIOLATION = '23505';

function isPositionConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const driverError = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint } = driverError as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && typeof constraint === 'string' && constraint.includes('position');
}

function positionTaken(position: number): RoutingRuleAdminException {
  return new RoutingRuleAdminException(
    RoutingRuleAdminExceptionCode.PositionTaken,
    `Another rule of this tenant is at position ${position}.`,
  );
}

/**
 * Creates, replaces and disables routing rules. Every save runs in one transaction: the version the
 * save replaces goes to the append-only history, and the rule's version is bumped, or nothing happens.
 * `onChanged` runs after the commit, so this process's routing cache drops the old rules at once.
 */
export class SaveRoutingRuleUseCase {
  constructor(
    private readonly db: Database,
    private readonly rules: RoutingRuleAdminRepository,
    private readonly onChanged: () => void = () => undefined,
    private readonly newId: () => string = makeId,
  ) {}

  async create(editor: RuleEditor, draft: RoutingRuleDraft): Promise<RoutingRuleView> {
    const ruleId = this.newId();
    return this.save(draft.position, async (tx) => {
      await this.checkDraft(tx, editor.tenantId, ruleId, draft);
      return this.rules.insertRule(tx, editor.tenantId, ruleId, draft);
    });
  }

  async replace(editor: RuleEditor, ruleId: string, draft: RoutingRuleDraft): Promise<RoutingRuleView> {
    return this.save(draft.position, async (tx) => {
      await this.lockExisting(tx, editor.tenantId, ruleId);
      await this.checkDraft(tx, editor.tenantId, ruleId, draft);
      await this.rules.archiveCurrent(tx, editor.tenantId, ruleId, this.newId(), editor.agentId);
      return this.rules.replaceRule(tx, editor.tenantId, ruleId, draft);
    });
  }

  /** DELETE disables: the rule keeps its id, position and history, and can be enabled again by a PUT. */
  async disable(editor: RuleEditor, ruleId: string): Promise<RoutingRuleView> {
    return this.save(undefined, async (tx) => {
      const current = await this.lockExisting(tx, editor.tenantId, ruleId);
      await this.rules.archiveCurrent(tx, editor.tenantId, ruleId, this.newId(), editor.agentId);
      const { id: _id, version: _version, updatedAt: _updatedAt, ...draft } = current;
      return this.rules.replaceRule(tx, editor.tenantId, ruleId, { ...draft, tags: [...draft.tags], enabled: false });
    });
  }

  private async save(
    position: number | undefined,
    work: (tx: SqlExecutor) => Promise<RoutingRuleView>,
  ): Promise<RoutingRuleView> {
    try {
      const saved = await this.db.transaction(work);
      this.onChanged();
      return saved;
    } catch (error) {
      // Two admins taking one position at once: the unique key decides, the loser gets the same answer.
      if (position !== undefined && isPositionConflict(error)) throw positionTaken(position);
      throw error;
    }
  }

  private async lockExisting(tx: SqlExecutor, tenantId: string, ruleId: string): Promise<RoutingRuleView> {
    const current = await this.rules.lockRule(tx, tenantId, ruleId);
    if (!current) throw new RoutingRuleAdminException(RoutingRuleAdminExceptionCode.RuleNotFound, 'No such rule.');
    return current;
  }

  private async checkDraft(tx: SqlExecutor, tenantId: string, ruleId: string, draft: RoutingRuleDraft): Promise<void> {
    if (!(await this.rules.teamExists(tx, tenantId, draft.teamId))) {
      throw new RoutingRuleAdminException(RoutingRuleAdminExceptionCode.InvalidRule, 'The rule has invalid fields.', [
        { field: 'teamId', reason: 'unknown_team', message: 'No team of this tenant has this id.' },
      ]);
    }
    if (await this.rules.positionTakenByOther(tx, tenantId, draft.position, ruleId)) {
      throw positionTaken(draft.position);
    }
  }
}
