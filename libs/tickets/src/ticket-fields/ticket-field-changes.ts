import type { FieldValues } from '../ticket-types/field-validator';

export interface FieldChange {
  readonly before: unknown;
  readonly after: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The stored values merged with an update: a value replaces, null removes. When the ticket changes
 * type, stored values the new template does not know are dropped.
 */
export function mergeFieldValues(
  stored: Readonly<FieldValues>,
  update: Readonly<Record<string, unknown>>,
  keep: (name: string) => boolean,
): FieldValues {
  const merged: FieldValues = Object.fromEntries(Object.entries(stored).filter(([name]) => keep(name)));
  for (const [name, value] of Object.entries(update)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** Per field, what it was and what it is now (null for absent), only for fields that changed. */
export function fieldChanges(before: Readonly<FieldValues>, after: Readonly<FieldValues>): Record<string, FieldChange> {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: Record<string, FieldChange> = {};
  for (const name of names) {
    const from = before[name] ?? null;
    const to = after[name] ?? null;
    if (!same(from, to)) changes[name] = { before: from, after: to };
  }
  return changes;
}
