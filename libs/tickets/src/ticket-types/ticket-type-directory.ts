import type { SqlExecutor } from '@switchboard/persistence';
import { FieldValidator } from './field-validator';
import { findEnabledTicketTypes } from './ticket-type.repository';
import type { TicketType } from './ticket-type';

/** A type with its compiled template. */
export interface CompiledTicketType {
  readonly type: TicketType;
  readonly validator: FieldValidator;
}

export type TenantTicketTypes = ReadonlyMap<string, CompiledTicketType>;

/**
 * The enabled ticket types of the tenants in an ingest batch, loaded in one query and kept for a short
 * while; compiled templates are kept per type until the type changes. An admin's edit reaches ingest
 * within the TTL.
 */
export class TicketTypeDirectory {
  private readonly tenants = new Map<string, { types: TenantTicketTypes; until: number }>();
  private readonly compiled = new Map<string, { updatedAt: number; validator: FieldValidator | undefined }>();

  constructor(private readonly ttlMs = 30_000) {}

  async forTenants(tx: SqlExecutor, tenantIds: readonly string[]): Promise<Map<string, TenantTicketTypes>> {
    const now = Date.now();
    const found = new Map<string, TenantTicketTypes>();
    const missing: string[] = [];
    for (const tenantId of new Set(tenantIds)) {
      const hit = this.tenants.get(tenantId);
      if (hit && hit.until > now) found.set(tenantId, hit.types);
      else missing.push(tenantId);
    }
    if (missing.length === 0) return found;
    const loaded = new Map<string, Map<string, CompiledTicketType>>(missing.map((id) => [id, new Map()]));
    for (const type of await findEnabledTicketTypes(tx, missing)) {
      const validator = this.validatorOf(type);
      if (validator) loaded.get(type.tenantId)?.set(type.key, { type, validator });
    }
    for (const [tenantId, types] of loaded) {
      this.tenants.set(tenantId, { types, until: now + this.ttlMs });
      found.set(tenantId, types);
    }
    return found;
  }

  /** A template that does not compile (written around the API) makes its type unknown instead of failing every batch. */
  private validatorOf(type: TicketType): FieldValidator | undefined {
    const updatedAt = type.updatedAt.getTime();
    const hit = this.compiled.get(type.id);
    if (hit && hit.updatedAt === updatedAt) return hit.validator;
    let validator: FieldValidator | undefined;
    try {
      validator = new FieldValidator(type.fieldSchema);
    } catch {
      validator = undefined;
    }
    this.compiled.set(type.id, { updatedAt, validator });
    return validator;
  }
}
