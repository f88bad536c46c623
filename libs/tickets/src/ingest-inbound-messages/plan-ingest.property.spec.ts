import fc from 'fast-check';
import { item } from './plan-ingest.fixtures';
import { dedupKey, planIngest } from './plan-ingest';

/** A message of one tenant and customer; ids and conversations drawn from small pools so they collide. */
const arrival = fc.record({
  channelMessageId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
  conversationKey: fc.constantFrom('c1', 'c2', 'c3'),
  channel: fc.constantFrom<'email' | 'web'>('email', 'web'),
  bodyText: fc.string({ maxLength: 20 }),
});

const itemOf = (a: { channelMessageId: string; conversationKey: string; channel: 'email' | 'web'; bodyText: string }) =>
  item({ ...a, messageId: `${a.channel}-${a.channelMessageId}` });

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
