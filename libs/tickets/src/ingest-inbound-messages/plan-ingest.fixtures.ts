import { textHashOf, type IngestItem, type TenantMessage } from './plan-ingest';

/** A message of tenant-a's customer a@example.com, as planning sees it (for the planner's specs). */
export function message(overrides: Partial<TenantMessage>): TenantMessage {
  return {
    messageId: 'm',
    tenantSlug: 'acme',
    tenantId: 'tenant-a',
    channel: 'email',
    channelMessageId: 'cm-1',
    conversationKey: 'conv-1',
    identity: { kind: 'email', value: 'a@example.com' },
    identities: [{ kind: 'email', value: 'a@example.com', verified: false }],
    ticketNumberHint: null,
    customerName: null,
    subject: 's',
    bodyText: 'b',
    bodyHtml: '',
    attachments: [],
    category: null,
    region: null,
    language: null,
    priority: 'normal',
    receivedAt: new Date(0),
    metadata: {},
    ticketType: null,
    customFields: {},
    ...overrides,
  };
}

export function item(overrides: Partial<TenantMessage>, customerId = 'cust-1'): IngestItem {
  const m = message(overrides);
  return { message: m, customer: { id: customerId, tier: 'standard', region: null }, textHash: textHashOf(m) };
}
