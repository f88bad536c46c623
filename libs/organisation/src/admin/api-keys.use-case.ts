import { randomBytes } from 'node:crypto';
import type { ApiKeyScope } from '@switchboard/auth';
import { newId } from '@switchboard/ids';
import { inTenant, type Database } from '@switchboard/persistence';
import { tokenHash } from '../accounts/account-tokens';
import { recordAdminChange } from '../audit/admin-audit';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import type { AdminActor } from './admin-actor';

/** Keys are recognisable (`sbk_`), so a bearer token is routed to the right check and a leaked one to the right owner. */
export const API_KEY_PREFIX = 'sbk_';

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  /** The first characters, to tell keys apart; the key itself is never shown again. */
  readonly keyPrefix: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** The tenant and scopes a presented key grants; `createdBy` is who the key acts for in audit trails. */
export interface ApiKeyPrincipal {
  readonly keyId: string;
  readonly tenantId: string;
  readonly createdBy: string;
  readonly scopes: readonly ApiKeyScope[];
}

interface KeyRow {
  id: string;
  tenant_id: string;
  name: string;
  key_prefix: string;
  scopes: ApiKeyScope[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, tenant_id, name, key_prefix, scopes, created_by, created_at, last_used_at, revoked_at';

const toView = (row: KeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  keyPrefix: row.key_prefix,
  scopes: row.scopes,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** API keys of a tenant for integrations: created (shown once), listed, revoked; each change audited. */
export class ApiKeysUseCase {
  constructor(private readonly db: Database) {}

  list(tenantId: string): Promise<ApiKeyView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      const rows = await tx.query<KeyRow>(
        `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC, id`,
        [tenantId],
      );
      return rows.map(toView);
    });
  }

  create(actor: AdminActor, command: { name: string; scopes: readonly ApiKeyScope[] }) {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    return inTenant(this.db, actor.tenantId, async (tx) => {
      const rows = await tx.query<KeyRow>(
        `INSERT INTO api_keys (id, tenant_id, name, key_hash, key_prefix, scopes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [newId(), actor.tenantId, command.name, tokenHash(key), key.slice(0, 12), [...command.scopes], actor.id],
      );
      const row = rows[0];
      if (!row) throw new Error('INSERT ... RETURNING gave no row');
      await recordAdminChange(tx, {
        tenantId: actor.tenantId,
        actorId: actor.id,
        action: 'api_key.created',
        targetKind: 'api_key',
        targetId: row.id,
        data: { name: command.name, scopes: command.scopes },
      });
      return { ...toView(row), key };
    });
  }

  revoke(actor: AdminActor, keyId: string): Promise<ApiKeyView> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      const rows = await tx.query<KeyRow>(
        `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [actor.tenantId, keyId],
      );
      const row = rows[0];
      if (!row) throw new OrganisationException(Code.ApiKeyNotFound, 'No such API key.');
      await recordAdminChange(tx, {
        tenantId: actor.tenantId,
        actorId: actor.id,
        action: 'api_key.revoked',
        targetKind: 'api_key',
        targetId: keyId,
      });
      return toView(row);
    });
  }

  /**
   * The principal of a presented key, or undefined for an unknown or revoked one. Looked up before
   * any tenant is known (like a refresh token); records the use.
   */
  async authenticate(key: string): Promise<ApiKeyPrincipal | undefined> {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const rows = await this.db.query<KeyRow>(
      `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [tokenHash(key)],
    );
    const row = rows[0];
    return row ? { keyId: row.id, tenantId: row.tenant_id, createdBy: row.created_by, scopes: row.scopes } : undefined;
  }
}
