import { newId } from '@switchboard/ids';
import { inTenant, pgErrorCode, PgErrorCode, type Database, type SqlExecutor } from '@switchboard/persistence';
import type { AgentDirectoryWriter } from '@switchboard/routing';
import { recordAdminChange } from '../audit/admin-audit';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import type { AdminActor } from './admin-actor';

export interface DepartmentView {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly teams: readonly { readonly id: string; readonly name: string }[];
}

interface DepartmentRow {
  id: string;
  name: string;
  parent_id: string | null;
  teams: { id: string; name: string }[];
}

async function assertDepartment(tx: SqlExecutor, tenantId: string, id: string | null): Promise<void> {
  if (id === null) return;
  const rows = await tx.query(`SELECT 1 FROM departments WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  if (rows.length === 0) throw new OrganisationException(Code.DepartmentNotFound, 'No such department.');
}

/** True when `parentId` is `id` or lies below it: making it the parent would close a loop. */
async function wouldCycle(tx: SqlExecutor, tenantId: string, id: string, parentId: string): Promise<boolean> {
  const rows = await tx.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM departments WHERE tenant_id = $1 AND id = $2
       UNION SELECT d.id, d.parent_id FROM departments d JOIN up ON d.id = up.parent_id WHERE d.tenant_id = $1
     ) SELECT 1 FROM up WHERE id = $3`,
    [tenantId, parentId, id],
  );
  return rows.length > 0;
}

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === PgErrorCode.uniqueViolation) {
    throw new OrganisationException(Code.NameTaken, 'That name is already used in this tenant.');
  }
  throw error;
}

/** Departments (a tree) and the teams in them; every change is audited in its own transaction. */
export class DepartmentsAdminUseCase {
  constructor(
    private readonly db: Database,
    private readonly directory: AgentDirectoryWriter,
  ) {}

  list(tenantId: string): Promise<DepartmentView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      const rows = await tx.query<DepartmentRow>(
        `SELECT d.id, d.name, d.parent_id,
                coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name)
                          FROM teams t WHERE t.tenant_id = d.tenant_id AND t.department_id = d.id), '[]') AS teams
         FROM departments d WHERE d.tenant_id = $1 ORDER BY d.name`,
        [tenantId],
      );
      return rows.map((row) => ({ id: row.id, name: row.name, parentId: row.parent_id, teams: row.teams }));
    });
  }

  create(actor: AdminActor, command: { name: string; parentId: string | null }): Promise<{ id: string }> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      await assertDepartment(tx, actor.tenantId, command.parentId);
      const id = newId();
      await tx
        .query(`INSERT INTO departments (id, tenant_id, name, parent_id) VALUES ($1, $2, $3, $4)`, [
          id,
          actor.tenantId,
          command.name,
          command.parentId,
        ])
        .catch(nameTaken);
      await recordAdminChange(tx, { ...this.entry(actor, 'department.created', id), data: command });
      return { id };
    });
  }

  update(actor: AdminActor, id: string, command: { name: string; parentId: string | null }): Promise<{ id: string }> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      await assertDepartment(tx, actor.tenantId, id);
      await assertDepartment(tx, actor.tenantId, command.parentId);
      if (command.parentId && (await wouldCycle(tx, actor.tenantId, id, command.parentId))) {
        throw new OrganisationException(Code.DepartmentCycle, 'A department cannot sit below itself.');
      }
      await tx
        .query(`UPDATE departments SET name = $3, parent_id = $4 WHERE tenant_id = $1 AND id = $2`, [
          actor.tenantId,
          id,
          command.name,
          command.parentId,
        ])
        .catch(nameTaken);
      await recordAdminChange(tx, { ...this.entry(actor, 'department.updated', id), data: command });
      return { id };
    });
  }

  createTeam(actor: AdminActor, command: { name: string; departmentId: string | null }): Promise<{ id: string }> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      await assertDepartment(tx, actor.tenantId, command.departmentId);
      const id = newId();
      await this.directory.createTeam(tx, { id, tenantId: actor.tenantId, ...command }).catch(nameTaken);
      await recordAdminChange(tx, { ...this.entry(actor, 'team.created', id, 'team'), data: command });
      return { id };
    });
  }

  placeTeam(actor: AdminActor, teamId: string, departmentId: string | null): Promise<{ id: string }> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      await assertDepartment(tx, actor.tenantId, departmentId);
      if (!(await this.directory.placeTeam(tx, actor.tenantId, teamId, departmentId))) {
        throw new OrganisationException(Code.TeamNotFound, 'No such team.');
      }
      await recordAdminChange(tx, { ...this.entry(actor, 'team.placed', teamId, 'team'), data: { departmentId } });
      return { id: teamId };
    });
  }

  private entry(actor: AdminActor, action: string, targetId: string, targetKind: 'department' | 'team' = 'department') {
    return { tenantId: actor.tenantId, actorId: actor.id, action, targetKind, targetId };
  }
}
