import { randomBytes } from 'node:crypto';
import { newId } from '@switchboard/ids';
import { hashPassword } from '@switchboard/auth';
import { inboundMessage, type InboundMessageOverrides } from './factories';
import type { InboundMessage } from '@switchboard/contracts';
import type {
  TestSql,
  TestTeam,
  TestAgent,
  TestCustomer,
  TestTicket,
  TicketOverrides,
  MessageOverrides,
  AgentOverrides,
  RoutingRuleFields,
} from './test-rows';

/** A short unique suffix: rows of one tenant never collide with another test's. */
const unique = (): string => randomBytes(4).toString('hex');

/**
 * One tenant of its own for one test, with factories that make rows inside it. A test asserts on
 * what it made here (scoped by `id` or `slug`), so it passes alone, in any order, next to others.
 */
export class TestTenant {
  constructor(
    private readonly db: TestSql,
    readonly id: string,
    readonly slug: string,
  ) {}

  async team(overrides: { name?: string } = {}): Promise<TestTeam> {
    const id = newId();
    const name = overrides.name ?? `Team ${unique()}`;
    await this.db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, $3)`, [id, this.id, name]);
    return { id, name };
  }

  async agent(overrides: AgentOverrides = {}): Promise<TestAgent> {
    const id = newId();
    const email = overrides.email ?? `agent-${unique()}@${this.slug}.test`;
    const name = overrides.name ?? email.split('@')[0] ?? email;
    const role = overrides.role ?? 'agent';
    const password = overrides.password === undefined ? 'a test password' : overrides.password;
    await this.db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, role, password_hash, presence, capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        this.id,
        overrides.teamId ?? null,
        email,
        name,
        role,
        password === null ? null : await hashPassword(password),
        overrides.presence ?? 'offline',
        overrides.capacity ?? 20,
      ],
    );
    return { id, email, name, role, password };
  }

  /** A routing rule sending matching tickets to `teamId`; the next free position unless given. */
  async routingRule(rule: RoutingRuleFields): Promise<string> {
    const id = newId();
    await this.db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, priority, required_skills)
       VALUES ($1, $2, $3, COALESCE($4, (SELECT COALESCE(MAX(position), 0) + 1 FROM routing_rules WHERE tenant_id = $2)),
               $5, $6, $7, $8)`,
      [
        id,
        this.id,
        rule.name ?? `Rule ${unique()}`,
        rule.position ?? null,
        JSON.stringify(rule.conditions ?? {}),
        rule.teamId,
        rule.priority ?? null,
        JSON.stringify(rule.requiredSkills ?? []),
      ],
    );
    return id;
  }

  /** A customer; with `email`, also the email identity that inbound mail and replies find them by. */
  async customer(overrides: { name?: string; email?: string } = {}): Promise<TestCustomer> {
    const id = newId();
    const name = overrides.name ?? `Customer ${unique()}`;
    await this.db.query(`INSERT INTO customers (id, tenant_id, name) VALUES ($1, $2, $3)`, [id, this.id, name]);
    const email = overrides.email ?? null;
    if (email !== null)
      await this.db.query(
        `INSERT INTO customer_identities (tenant_id, kind, value, customer_id) VALUES ($1, 'email', $2, $3)`,
        [this.id, email, id],
      );
    return { id, name, email };
  }

  /** A ticket numbered from the tenant's own sequence (SB-000001 first), unless `number` is given. */
  async ticket(overrides: TicketOverrides = {}): Promise<TestTicket> {
    const id = newId();
    const customerId = overrides.customerId ?? (await this.customer()).id;
    const number = overrides.number ?? (await this.nextTicketNumber());
    const conversationKey = overrides.conversationKey ?? `conversation-${number}`;
    const assigneeId = overrides.assigneeId ?? null;
    await this.db.query(
      `INSERT INTO tickets (id, tenant_id, number, customer_id, channel, conversation_key, subject, status, priority,
                            category, team_id, assignee_id, created_at, updated_at, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, CASE WHEN $12::uuid IS NULL THEN NULL ELSE $13::timestamptz END)`,
      [
        id,
        this.id,
        number,
        customerId,
        overrides.channel ?? 'email',
        conversationKey,
        overrides.subject ?? `Subject of ${number}`,
        overrides.status ?? (assigneeId === null ? 'new' : 'assigned'),
        overrides.priority ?? 'normal',
        overrides.category ?? null,
        overrides.teamId ?? null,
        assigneeId,
        overrides.createdAt ?? new Date().toISOString(),
      ],
    );
    return { id, number, customerId, conversationKey };
  }

  /** A message on one of this tenant's tickets; returns the message id. */
  async message(ticketId: string, overrides: MessageOverrides = {}): Promise<string> {
    const id = newId();
    await this.db.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        this.id,
        ticketId,
        overrides.direction ?? 'inbound',
        overrides.channel ?? 'email',
        overrides.channelMessageId ?? `<${id}@customer.test>`,
        overrides.bodyText ?? 'hello',
        overrides.receivedAt ?? new Date().toISOString(),
      ],
    );
    return id;
  }

  /** An InboundMessage addressed to this tenant, as a channel would publish it. */
  inboundMessage(overrides: Omit<InboundMessageOverrides, 'tenant'> = {}): InboundMessage {
    return inboundMessage({ ...overrides, tenant: this.slug });
  }

  private async nextTicketNumber(): Promise<string> {
    const rows = await this.db.query<{ n: string; prefix: string }>(
      `SELECT nextval(ticket_number_sequence(id)::regclass)::text AS n, ticket_prefix AS prefix FROM tenants WHERE id = $1`,
      [this.id],
    );
    const row = rows[0];
    if (!row) throw new Error(`tenant ${this.id} is gone`);
    return `${row.prefix}-${row.n.padStart(6, '0')}`;
  }
}

export interface TestContext {
  /** A fresh tenant (slug `t-<random>` unless given), empty but for what the test makes in it. */
  newTenant(overrides?: { slug?: string; name?: string }): Promise<TestTenant>;
}

/** Test data per test, Immich's medium-test style: `const t = await ctx.newTenant(); await t.ticket({ priority: 'high' })`. */
export function testContext(db: TestSql): TestContext {
  return {
    async newTenant(overrides = {}) {
      const id = newId();
      const slug = overrides.slug ?? `t-${unique()}`;
      await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)`, [
        id,
        slug,
        overrides.name ?? `Tenant ${slug}`,
      ]);
      return new TestTenant(db, id, slug);
    },
  };
}
