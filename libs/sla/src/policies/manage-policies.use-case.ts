import { newId } from '@switchboard/ids';
import { inTenant, pgErrorCode, PgErrorCode, type Database, type SqlExecutor } from '@switchboard/persistence';
import { flagRecompute } from '../shared/recompute-flags';
import { SlaException, SlaExceptionCode } from '../shared/sla.exception';
import type { SlaPolicy } from './sla-policy';
import type { PolicyInput, PolicyUpdate } from './sla-policy.schemas';
import { POLICY_COLUMNS, toPolicy, type PolicyRow } from './sla-policy.repository';

export type PolicyView = Omit<SlaPolicy, 'tenantId'> & { readonly updatedAt: string };

export interface PolicyVersionView {
  readonly version: number;
  readonly snapshot: unknown;
  readonly validFrom: string;
  readonly replacedAt: string;
  readonly replacedBy: string | null;
}

function toView(row: PolicyRow): PolicyView {
  const { tenantId: _tenant, ...policy } = toPolicy(row);
  return { ...policy, updatedAt: new Date(row.updated_at).toISOString() };
}

const notFound = (): SlaException => new SlaException(SlaExceptionCode.PolicyNotFound, 'No such SLA policy.');

/**
 * SLA policies of a tenant, versioned like routing rules: every save bumps the version and keeps the
 * replaced one in the append-only sla_policy_versions (who replaced it, when), and marks the tenant's
 * open tickets for a recompute (a ticket may now match another policy), which is audited per ticket.
 */
export class ManagePoliciesUseCase {
  constructor(private readonly db: Database) {}

  list(tenantId: string): Promise<PolicyView[]> {
    return inTenant(this.db, tenantId, async (tx) =>
      (
        await tx.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE tenant_id = $1 ORDER BY position`, [
          tenantId,
        ])
      ).map(toView),
    );
  }

  get(tenantId: string, id: string): Promise<PolicyView> {
    return inTenant(this.db, tenantId, async (tx) => toView(await this.row(tx, tenantId, id)));
  }

  history(tenantId: string, id: string): Promise<PolicyVersionView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      await this.row(tx, tenantId, id);
      const rows = await tx.query<{
        version: number;
        snapshot: unknown;
        valid_from: Date;
        replaced_at: Date;
        replaced_by: string | null;
      }>(
        `SELECT version, snapshot, valid_from, replaced_at, replaced_by FROM sla_policy_versions
          WHERE tenant_id = $1 AND policy_id = $2 ORDER BY version DESC`,
        [tenantId, id],
      );
      return rows.map((r) => ({
        version: r.version,
        snapshot: r.snapshot,
        validFrom: new Date(r.valid_from).toISOString(),
        replacedAt: new Date(r.replaced_at).toISOString(),
        replacedBy: r.replaced_by,
      }));
    });
  }

  create(tenantId: string, input: PolicyInput): Promise<PolicyView> {
    return this.write(tenantId, input, async (tx) => {
      const id = newId();
      await tx.query(
        `INSERT INTO sla_policies (id, tenant_id, key, name, position, enabled, conditions, calendar_id, targets, reminders, escalations)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb, $11::jsonb)`,
        [id, tenantId, ...columns(input)],
      );
      return id;
    });
  }

  update(tenantId: string, id: string, input: PolicyUpdate, actorId: string | null): Promise<PolicyView> {
    return this.write(tenantId, input, async (tx) => {
      const current = await this.row(tx, tenantId, id, true);
      if (current.version !== input.version)
        throw new SlaException(SlaExceptionCode.StaleVersion, 'The policy changed since it was read; read it again.');
      await tx.query(
        `INSERT INTO sla_policy_versions (id, tenant_id, policy_id, version, snapshot, valid_from, replaced_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [newId(), tenantId, id, current.version, JSON.stringify(toView(current)), current.updated_at, actorId],
      );
      await tx.query(
        `UPDATE sla_policies SET key = $3, name = $4, position = $5, enabled = $6, conditions = $7::jsonb,
                calendar_id = $8, targets = $9::jsonb, reminders = $10::jsonb, escalations = $11::jsonb,
                version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, ...columns(input)],
      );
      return id;
    });
  }

  async remove(tenantId: string, id: string, actorId: string | null): Promise<void> {
    await inTenant(this.db, tenantId, async (tx) => {
      const current = await this.row(tx, tenantId, id, true);
      await tx.query(
        `INSERT INTO sla_policy_versions (id, tenant_id, policy_id, version, snapshot, valid_from, replaced_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [newId(), tenantId, id, current.version, JSON.stringify(toView(current)), current.updated_at, actorId],
      );
      await tx.query(`DELETE FROM sla_policies WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      await flagRecompute(tx, tenantId, { tenantWide: true });
    });
  }

  private async write(
    tenantId: string,
    input: PolicyInput,
    change: (tx: SqlExecutor) => Promise<string>,
  ): Promise<PolicyView> {
    try {
      return await inTenant(this.db, tenantId, async (tx) => {
        await this.assertReferences(tx, tenantId, input);
        const id = await change(tx);
        await flagRecompute(tx, tenantId, { tenantWide: true });
        return toView(await this.row(tx, tenantId, id));
      });
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.uniqueViolation)
        throw new SlaException(SlaExceptionCode.PolicyConflict, 'The tenant already has a policy with that key.');
      throw error;
    }
  }

  private async assertReferences(tx: SqlExecutor, tenantId: string, input: PolicyInput): Promise<void> {
    const calendar = await tx.query(`SELECT 1 FROM business_calendars WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      input.calendarId,
    ]);
    if (calendar.length === 0) throw invalid('calendarId', 'The tenant has no such business calendar.');
    const teams = [
      ...new Set([...(input.conditions.teamIds ?? []), ...input.escalations.flatMap((e) => e.reassignTeamId ?? [])]),
    ];
    if (teams.length === 0) return;
    const found = await tx.query<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tenantId,
      teams,
    ]);
    const missing = teams.filter((t) => !found.some((f) => f.id === t));
    if (missing.length > 0) throw invalid('teams', `The tenant has no team ${missing.join(', ')}.`);
  }

  private async row(tx: SqlExecutor, tenantId: string, id: string, lock = false): Promise<PolicyRow> {
    const [row] = await tx.query<PolicyRow>(
      `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId, id],
    );
    if (!row) throw notFound();
    return row;
  }
}

function invalid(field: string, message: string): SlaException {
  return new SlaException(SlaExceptionCode.InvalidPolicy, message, [{ field, reason: 'invalid', message }]);
}

function columns(p: PolicyInput): unknown[] {
  return [
    p.key,
    p.name,
    p.position,
    p.enabled,
    JSON.stringify(p.conditions),
    p.calendarId,
    JSON.stringify(p.targets),
    JSON.stringify(p.reminders),
    JSON.stringify(p.escalations),
  ];
}
