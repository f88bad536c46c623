import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * "Each table has one owning module; only its repositories write it" (docs/architecture.md, Table
 * owners). This scans the production sources of every lib for INSERT INTO / UPDATE / DELETE FROM and
 * fails when a table is written outside its owner. Specs, migrations and test support (`src/testing/`,
 * libs/testing) are not production writers and are skipped.
 */
const OWNERS: Readonly<Record<string, string>> = {
  tenants: 'libs/tickets',
  tickets: 'libs/tickets',
  ticket_messages: 'libs/tickets',
  inbound_receipts: 'libs/tickets',
  ticket_events: 'libs/tickets',
  ticket_links: 'libs/tickets',
  ticket_watchers: 'libs/tickets',
  ticket_types: 'libs/tickets',
  customers: 'libs/tickets',
  customer_identities: 'libs/tickets',
  customer_merges: 'libs/tickets',
  companies: 'libs/tickets',
  email_address_flags: 'libs/tickets',
  teams: 'libs/routing',
  agents: 'libs/routing',
  agent_skills: 'libs/routing',
  routing_rules: 'libs/routing',
  routing_rule_versions: 'libs/routing',
  email_mailboxes: 'libs/channels/email',
  email_mailbox_cursors: 'libs/channels/email',
  email_messages: 'libs/channels/email',
  email_reply_tokens: 'libs/channels/email',
  email_auto_acks: 'libs/channels/email',
  api_channels: 'libs/channels/api',
  api_channel_secrets: 'libs/channels/api',
  api_deliveries: 'libs/channels/api',
  email_rejected_mails: 'libs/channels/email',
  voice_opt_outs: 'libs/channels/voice',
  voice_calls: 'libs/channels/voice',
  voice_sms_statuses: 'libs/channels/voice',
  outbox: 'libs/persistence',
  self_service_settings: 'libs/self-service',
  portal_lookup_codes: 'libs/self-service',
  csat_requests: 'libs/self-service',
  csat_ratings: 'libs/self-service',
  appointments: 'libs/self-service',
  business_calendars: 'libs/sla',
  business_calendar_days: 'libs/sla',
  sla_policies: 'libs/sla',
  sla_policy_versions: 'libs/sla',
  sla_tickets: 'libs/sla',
  sla_clocks: 'libs/sla',
  sla_timers: 'libs/sla',
  sla_measures: 'libs/sla',
  webhook_subscriptions: 'libs/integrations',
  webhook_deliveries: 'libs/integrations',
  webhook_delivery_attempts: 'libs/integrations',
  personal_data_audit: 'libs/integrations',
  departments: 'libs/organisation',
  team_memberships: 'libs/organisation',
  auth_sessions: 'libs/organisation',
  refresh_tokens: 'libs/organisation',
  login_failures: 'libs/organisation',
  account_tokens: 'libs/organisation',
  admin_audit_log: 'libs/organisation',
  api_keys: 'libs/organisation',
  tenant_oidc_providers: 'libs/organisation',
};

/** Writes outside the owner that are allowed on purpose, by file, with the reason. */
const EXCEPTIONS: readonly { file: string; table: string; reason: string }[] = [
  {
    file: 'libs/routing/src/assign-tickets/routing-decision.writer.ts',
    table: 'tickets',
    reason:
      'hot path: one set-based UPDATE assigns a whole batch where still unassigned (issue #10: set-based SQL stays)',
  },
  {
    file: 'libs/routing/src/drain-queues/overflow-team-queues.ts',
    table: 'tickets',
    reason: 'queue drain: one set-based UPDATE ... SKIP LOCKED moves overdue queued tickets to the fallback team',
  },
  ...['tenants', 'teams', 'agents', 'routing_rules'].map((table) => ({
    file: 'libs/demo/src/seed-demo-tenant.ts',
    table,
    reason: 'first-start seed of the demo tenant, in one transaction before any service runs',
  })),
  ...['email_messages', 'email_auto_acks'].map((table) => ({
    file: 'libs/integrations/src/personal-data/personal-data.repository.ts',
    table,
    reason:
      "customer erasure: the email channel's copies of the address and subjects are replaced in the erasure's one transaction (a core lib may not call channel code)",
  })),
];

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

/** The tables a source text writes: `INSERT INTO t`, `UPDATE t` (not `FOR UPDATE`, `DO UPDATE`), `DELETE FROM t`. */
export function tablesWrittenIn(text: string): { table: string; line: number }[] {
  const writes: { table: string; line: number }[] = [];
  for (const match of text.matchAll(/\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)/g)) {
    const before = text.slice(Math.max(0, match.index - 8), match.index);
    if (match[1] === 'UPDATE' && /\b(FOR|DO|KEY)\s+$/.test(before)) continue;
    const table = match[2] ?? '';
    if (!Object.hasOwn(OWNERS, table)) continue;
    writes.push({ table, line: text.slice(0, match.index).split('\n').length });
  }
  return writes;
}

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'migrations', 'testing'].includes(entry.name) ? [] : productionSources(path);
    }
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

const libOf = (file: string): string => file.split('/src/')[0] ?? file;

function writesOutsideOwners(): string[] {
  const libs = join(ROOT, 'libs');
  const misplaced: string[] = [];
  for (const path of productionSources(libs)) {
    const file = relative(ROOT, path).split(sep).join('/');
    if (file.startsWith('libs/testing/')) continue;
    for (const { table, line } of tablesWrittenIn(readFileSync(path, 'utf8'))) {
      if (libOf(file) === OWNERS[table]) continue;
      if (EXCEPTIONS.some((e) => e.file === file && e.table === table)) continue;
      misplaced.push(`${file}:${line} writes ${table}, owned by ${OWNERS[table] ?? '?'}`);
    }
  }
  return misplaced;
}

describe('one owner per table', () => {
  it('finds writes, and ignores row locks and upserts', () => {
    const sql = `INSERT INTO tickets (id) VALUES ($1); SELECT 1 FROM agents FOR UPDATE OF agents;
      INSERT INTO email_mailboxes (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET id = $1;
      WITH due AS (SELECT 1) UPDATE teams SET name = $1; DELETE FROM outbox WHERE id = $1`;
    expect(tablesWrittenIn(sql).map((w) => w.table)).toEqual(['tickets', 'email_mailboxes', 'teams', 'outbox']);
  });

  it('gives every migrated table an owner', () => {
    const dir = join(ROOT, 'libs/persistence/src/migrations');
    const created = readdirSync(dir).flatMap((name) => [
      ...readFileSync(join(dir, name), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g),
    ]);
    const tables = [...new Set(created.map((m) => m[1] ?? ''))].sort();
    expect(tables.filter((table) => !Object.hasOwn(OWNERS, table))).toEqual([]);
  });

  it('writes each table only from its owning lib (or an allow-listed exception)', () => {
    expect(writesOutsideOwners()).toEqual([]);
  });

  it('keeps every exception live: an allow-listed write that no longer exists is removed from the list', () => {
    const stale = EXCEPTIONS.filter(({ file, table }) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return !tablesWrittenIn(text).some((w) => w.table === table);
    });
    expect(stale).toEqual([]);
  });
});
