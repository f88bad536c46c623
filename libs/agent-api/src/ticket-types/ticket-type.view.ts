import type { TicketType } from '@switchboard/tickets';

export interface TicketTypeView {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly reviewRequired: boolean;
  readonly reviewerRole: string | null;
  readonly fieldSchema: TicketType['fieldSchema'];
  readonly layout: TicketType['layout'];
  readonly enabled: boolean;
  readonly updatedAt: string;
}

export function toTicketTypeView(type: TicketType): TicketTypeView {
  return {
    key: type.key,
    name: type.name,
    description: type.description,
    reviewRequired: type.reviewRequired,
    reviewerRole: type.reviewerRole,
    fieldSchema: type.fieldSchema,
    layout: type.layout,
    enabled: type.enabled,
    updatedAt: type.updatedAt.toISOString(),
  };
}
