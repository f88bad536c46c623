import type { SqlExecutor } from '@switchboard/persistence';
import type { FieldCheck, FieldValidator, FieldValues } from './field-validator';
import type { TicketFieldError } from './ticket-type';

/** A customer of a tenant, as a set key. */
export const customerKey = (tenantId: string, customerId: string): string => `${tenantId}\u0000${customerId}`;

/** Which of the referenced customers exist in their tenant (and were not merged away), in one query. */
export async function findExistingCustomers(
  tx: SqlExecutor,
  refs: readonly { tenantId: string; id: string }[],
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await tx.query<{ tenant_id: string; id: string }>(
    `SELECT c.tenant_id, c.id FROM customers c
     JOIN unnest($1::uuid[], $2::uuid[]) AS r(tenant_id, id) ON c.tenant_id = r.tenant_id AND c.id = r.id
     WHERE c.merged_into_id IS NULL`,
    [refs.map((r) => r.tenantId), refs.map((r) => r.id)],
  );
  return new Set(rows.map((row) => customerKey(row.tenant_id, row.id)));
}

/** Adds an `unknown_customer` error for each customer reference that is not a customer of the tenant. */
export function checkCustomerRefs(
  validator: FieldValidator,
  tenantId: string,
  check: FieldCheck,
  existing: ReadonlySet<string>,
): FieldCheck {
  const failed = new Set(check.errors.map((e) => e.field));
  const unknown: TicketFieldError[] = validator
    .customerRefs(check.values)
    .filter((ref) => !failed.has(ref.field) && !existing.has(customerKey(tenantId, ref.id)))
    .map((ref) => ({ field: ref.field, reason: 'unknown_customer', message: 'No such customer in this tenant.' }));
  return unknown.length === 0 ? check : { values: check.values, errors: [...check.errors, ...unknown] };
}

/** Required fields without a value. */
export function missingFields(errors: readonly TicketFieldError[]): string[] {
  return errors.filter((e) => e.reason === 'required').map((e) => e.field);
}

/** Errors other than a missing required field: values that are present but wrong. */
export function invalidValues(errors: readonly TicketFieldError[]): TicketFieldError[] {
  return errors.filter((e) => e.reason !== 'required');
}

/** The values that passed, for a ticket that is kept although some of its fields did not. */
export function withoutInvalid(values: Readonly<FieldValues>, errors: readonly TicketFieldError[]): FieldValues {
  const failed = new Set(errors.map((e) => e.field));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !failed.has(name)));
}
