/** The rows a TestTenant makes, and what a test may override on them. */

/** What the context needs of a database: parameterized statements (any SqlExecutor fits). */
export interface TestSql {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export type TestAgentRole = 'agent' | 'manager' | 'admin';

export interface TestTeam {
  readonly id: string;
  readonly name: string;
}

export interface TestAgent {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: TestAgentRole;
  /** The plain password (null when the agent has none and cannot log in). */
  readonly password: string | null;
}

export interface TestCustomer {
  readonly id: string;
  readonly name: string;
  /** The customer's email identity, when one was made. */
  readonly email: string | null;
}

export interface TestTicket {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly conversationKey: string;
}

export interface TicketOverrides {
  customerId?: string;
  number?: string;
  status?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  category?: string | null;
  channel?: string;
  subject?: string;
  conversationKey?: string;
  teamId?: string | null;
  assigneeId?: string | null;
  createdAt?: string;
}

export interface MessageOverrides {
  direction?: 'inbound' | 'outbound' | 'note';
  channel?: string;
  channelMessageId?: string;
  bodyText?: string;
  receivedAt?: string;
}

export interface AgentOverrides {
  email?: string;
  name?: string;
  role?: TestAgentRole;
  /** null: no password, the agent cannot log in. */
  password?: string | null;
  teamId?: string | null;
  presence?: 'online' | 'away' | 'offline';
  capacity?: number;
}

export interface RoutingRuleFields {
  teamId: string;
  name?: string;
  position?: number;
  conditions?: Record<string, unknown>;
  priority?: 'low' | 'normal' | 'high' | 'urgent' | null;
  requiredSkills?: { skill: string; minLevel: number }[];
}
