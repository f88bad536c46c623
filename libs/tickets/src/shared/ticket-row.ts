/** A `tickets` row as Postgres returns it (snake_case columns). */
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
