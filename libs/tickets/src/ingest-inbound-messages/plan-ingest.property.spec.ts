import fc from 'fast-check';
import { dedupKey, planIngest, textHashOf, type IngestItem, type TenantMessage } from './plan-ingest';

/** A message of one tenant and customer; ids and conversations drawn from small pools so they collide. */
const arrival = fc.record({
  channelMessageId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
  conversationKey: fc.constantFrom('c1', 'c2', 'c3'),
  channel: fc.constantFrom('email', 'web'),
  bodyText: fc.string({ maxLength: 20 }),
});

function itemOf(a: {
  channelMessageId: string;
  conversationKey: string;
  channel: string;
  bodyText: string;
}): IngestItem {
  const message = {
    messageId: `${a.channel}-${a.channelMessageId}`,
    tenantSlug: 'acme',
    tenantId: 'tenant-a',
    channel: a.channel,
    channelMessageId: a.channelMessageId,
    conversationKey: a.conversationKey,
    identity: { kind: 'email', value: 'a@example.com' },
    identities: [{ kind: 'email', value: 'a@example.com', verified: false }],
    ticketNumberHint: null,
    customerName: null,
    subject: 's',
    bodyText: a.bodyText,
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
  } as TenantMessage;
  return { message, customer: { id: 'cust-1', tier: 'standard', region: null }, textHash: textHashOf(message) };
}

function plan(arrivals: readonly Parameters<typeof itemOf>[0][]) {
  let n = 0;
  const items = arrivals.map(itemOf);
  const decisions = planIngest(items, {
    storedMessages: new Map(),
    conversations: new Map(),
    numberedTickets: new Map(),
    nearDuplicates: new Map(),
    nearDuplicateWindows: new Map([['tenant-a', 0]]),
    newId: () => `t${++n}`,
  });
  return { items, decisions };
}

describe('threading, for any batch of one customer', () => {
  it('stores each message once: later copies are duplicates of the first copy’s ticket', () => {
    fc.assert(
      fc.property(fc.array(arrival, { maxLength: 30 }), (arrivals) => {
        const { items, decisions } = plan(arrivals);
        const firstTicket = new Map<string, string>();
        decisions.forEach((d, i) => {
          const key = dedupKey(items[i]?.message ?? d.message);
          const seen = firstTicket.get(key);
          if (seen === undefined) {
            expect(d.kind).not.toBe('duplicate');
            firstTicket.set(key, d.ticket.id);
          } else {
            expect(d.kind).toBe('duplicate');
            expect(d.ticket.id).toBe(seen);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('puts every stored message of one conversation on one ticket, and opens one ticket per conversation', () => {
    fc.assert(
      fc.property(fc.array(arrival, { maxLength: 30 }), (arrivals) => {
        const { decisions } = plan(arrivals);
        const ticketOf = new Map<string, Set<string>>();
        for (const d of decisions.filter((x) => x.kind !== 'duplicate')) {
          const tickets = ticketOf.get(d.message.conversationKey) ?? new Set<string>();
          tickets.add(d.ticket.id);
          ticketOf.set(d.message.conversationKey, tickets);
        }
        for (const tickets of ticketOf.values()) expect(tickets.size).toBe(1);
        expect(decisions.filter((d) => d.kind === 'create')).toHaveLength(ticketOf.size);
      }),
      { numRuns: 500 },
    );
  });
});
