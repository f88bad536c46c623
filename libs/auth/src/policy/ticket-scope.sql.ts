import type { MongoQuery } from '@casl/ability';
import { abilityFor, ticketConditions, type AccessScope, type TicketAction } from './access-policy';

/** The SQL column of each ticket attribute the policy's conditions name. */
export interface TicketColumns {
  readonly tenantId: string;
  readonly teamId: string;
  readonly assigneeId: string;
}

/** Adds a parameter and answers its placeholder (`$3`). */
export type Bind = (value: unknown) => string;

const FIELDS = ['tenantId', 'teamId', 'assigneeId'] as const;
type Field = (typeof FIELDS)[number];
const isField = (key: string): key is Field => (FIELDS as readonly string[]).includes(key);

function fieldSql(column: string, value: unknown, bind: Bind): string {
  if (value === null) return `${column} IS NULL`;
  if (typeof value === 'string') return `${column} = ${bind(value)}::uuid`;
  if (typeof value === 'object' && Object.keys(value).length === 1 && '$in' in value) {
    const list: unknown = value.$in;
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw new Error('$in needs uuids');
    return list.length === 0 ? 'false' : `${column} = ANY(${bind(list)}::uuid[])`;
  }
  throw new Error(`The ticket scope cannot express ${JSON.stringify(value)} in SQL`);
}

function conditionSql(condition: MongoQuery, columns: TicketColumns, bind: Bind): string {
  const parts = Object.entries(condition).map(([key, value]) => {
    if (!isField(key)) throw new Error(`The ticket policy names an unknown attribute ${key}`);
    return fieldSql(columns[key], value, bind);
  });
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

/**
 * The WHERE condition that keeps exactly the tickets `scope` may `action`, translated from the same
 * CASL rules the guards check one ticket with, so a list and a single read can never disagree. No
 * rule grants it: `false`. Throws on a condition it cannot translate, rather than widen the scope.
 */
export function ticketScopeSql(scope: AccessScope, action: TicketAction, columns: TicketColumns, bind: Bind): string {
  const conditions = ticketConditions(abilityFor(scope), action);
  if (conditions.length === 0) return 'false';
  return `(${conditions.map((condition) => conditionSql(condition, columns, bind)).join(' OR ')})`;
}
