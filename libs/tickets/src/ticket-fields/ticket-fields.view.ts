/** A ticket's type and custom fields, as GET and PUT /tickets/:ref/fields answer them. */
export interface TicketFieldsView {
  readonly ticketId: string;
  readonly number: string;
  /** Null for a ticket without a type. */
  readonly ticketType: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly incomplete: boolean;
  readonly missingFields: readonly string[];
}

/** Values by field name; null removes a value. `typeKey` sets (or changes) the ticket's type. */
export interface UpdateTicketFieldsCommand {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly typeKey?: string | undefined;
}
