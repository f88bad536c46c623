import { EntitySchema } from 'typeorm';

/** Row shapes of the core tables (columns in snake_case, as the migrations create them). */
export interface TenantRow {
  id: string;
  slug: string;
  name: string;
  ticket_prefix: string;
  created_at: Date;
}

export interface TeamRow {
  id: string;
  tenant_id: string;
  name: string;
  strategy: 'least_loaded' | 'round_robin' | 'sticky';
  created_at: Date;
}

export interface AgentRow {
  id: string;
  tenant_id: string;
  team_id: string | null;
  email: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
  password_hash: string | null;
  presence: 'online' | 'away' | 'offline';
  capacity: number;
  created_at: Date;
}

export interface TicketRow {
  id: string;
  tenant_id: string;
  number: string;
  customer_id: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  subject: string;
  tier: string;
  region: string | null;
  language: string | null;
  conversation_key: string;
  team_id: string | null;
  assignee_id: string | null;
  custom_fields: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  assigned_at: Date | null;
}

const uuid = { type: 'uuid' } as const;
const text = { type: 'text' } as const;
const nullableText = { type: 'text', nullable: true } as const;
const nullableUuid = { type: 'uuid', nullable: true } as const;
const timestamp = { type: 'timestamptz' } as const;

export const TenantEntity = new EntitySchema<TenantRow>({
  name: 'Tenant',
  tableName: 'tenants',
  columns: {
    id: { ...uuid, primary: true },
    slug: text,
    name: text,
    ticket_prefix: text,
    created_at: timestamp,
  },
});

export const TeamEntity = new EntitySchema<TeamRow>({
  name: 'Team',
  tableName: 'teams',
  columns: { id: { ...uuid, primary: true }, tenant_id: uuid, name: text, strategy: text, created_at: timestamp },
});

export const AgentEntity = new EntitySchema<AgentRow>({
  name: 'Agent',
  tableName: 'agents',
  columns: {
    id: { ...uuid, primary: true },
    tenant_id: uuid,
    team_id: nullableUuid,
    email: text,
    name: text,
    role: text,
    password_hash: nullableText,
    presence: text,
    capacity: { type: 'integer' },
    created_at: timestamp,
  },
});

export const TicketEntity = new EntitySchema<TicketRow>({
  name: 'Ticket',
  tableName: 'tickets',
  columns: {
    id: { ...uuid, primary: true },
    tenant_id: uuid,
    number: text,
    customer_id: uuid,
    status: text,
    priority: text,
    category: nullableText,
    channel: text,
    subject: text,
    tier: text,
    region: nullableText,
    language: nullableText,
    conversation_key: text,
    team_id: nullableUuid,
    assignee_id: nullableUuid,
    custom_fields: { type: 'jsonb' },
    created_at: timestamp,
    updated_at: timestamp,
    assigned_at: { type: 'timestamptz', nullable: true },
  },
});

export const entities = [TenantEntity, TeamEntity, AgentEntity, TicketEntity];
