import { item } from './plan-ingest.fixtures';
import {
  planIngest,
  reopens,
  type IngestLookups,
  type TenantMessage,
  type TicketRef,
  type TicketState,
} from './plan-ingest';

let counter = 0;
const newId = (): string => `t${++counter}`;
const DAY = 86_400_000;

const stored = (id: string): TicketRef => ({ id, tenantId: 'tenant-a', number: `SB-${id}`, isNew: false });

function ticket(id: string, overrides: Partial<TicketState> = {}): TicketState {
  return {
    ref: stored(id),
    customerId: 'cust-1',
    status: 'in_progress',
    archived: false,
    closedAt: null,
    reopenPolicy: 'reopen',
    reopenWithinDays: 14,
    ...overrides,
  };
}

function lookups(overrides: Partial<IngestLookups> = {}): IngestLookups {
  return {
    storedMessages: new Map(),
    conversations: new Map(),
    numberedTickets: new Map(),
    nearDuplicates: new Map(),
    nearDuplicateWindows: new Map([['tenant-a', 300]]),
    newId,
    ...overrides,
  };
}

const summary = (plan: ReturnType<typeof planIngest>) =>
  plan.map((d) => [
    d.kind,
    d.ticket.id,
    d.kind === 'append' ? d.reason : d.kind === 'create' ? (d.followUpOf?.id ?? null) : null,
  ]);

describe('planIngest', () => {
  beforeEach(() => {
    counter = 0;
  });

  it('opens a ticket for a new conversation and threads follow-ups of the same batch onto it', () => {
    const plan = planIngest(
      [
        item({ channelMessageId: '1', bodyText: 'one' }),
        item({ channelMessageId: '2', bodyText: 'two' }),
        item({ channelMessageId: '3', conversationKey: 'other', bodyText: 'three' }),
      ],
      lookups(),
    );
    expect(summary(plan)).toEqual([
      ['create', 't1', null],
      ['append', 't1', 'conversation'],
      ['create', 't2', null],
    ]);
  });

  it('drops a message stored before, and a repeat inside the batch, as duplicates of their ticket', () => {
    const plan = planIngest(
      [
        item({ channelMessageId: 'old' }),
        item({ channelMessageId: 'new', conversationKey: 'c2' }),
        item({ channelMessageId: 'new', conversationKey: 'c2' }),
      ],
      lookups({ storedMessages: new Map([['tenant-a\u0000email\u0000old', stored('x')]]) }),
    );
    expect(plan.map((d) => [d.kind, d.ticket.id])).toEqual([
      ['duplicate', 'x'],
      ['create', 't1'],
      ['duplicate', 't1'],
    ]);
  });

  it('appends to the open ticket of a stored conversation', () => {
    const plan = planIngest(
      [item({})],
      lookups({ conversations: new Map([['tenant-a\u0000conv-1', ticket('open')]]) }),
    );
    expect(plan[0]).toMatchObject({ kind: 'append', ticket: { id: 'open' }, reopenedFrom: null });
  });

  it('keeps tenants apart: the same ids in another tenant are a different conversation', () => {
    const plan = planIngest([item({}), item({ tenantId: 'tenant-b' })], lookups());
    expect(plan.map((d) => d.kind)).toEqual(['create', 'create']);
  });

  describe('near-duplicates', () => {
    it('appends the same text from the same customer on another conversation, within one batch', () => {
      const plan = planIngest(
        [
          item({ channelMessageId: '1', conversationKey: 'a', bodyText: 'Where is  my ORDER?' }),
          item({
            channelMessageId: '2',
            conversationKey: 'b',
            bodyText: ' where is my order? ',
            receivedAt: new Date(300_000),
          }),
        ],
        lookups(),
      );
      expect(summary(plan)).toEqual([
        ['create', 't1', null],
        ['append', 't1', 'near_duplicate'],
      ]);
    });

    it('needs the same customer, the window, and a window that is not 0', () => {
      const twins = (second: Partial<TenantMessage>, customer = 'cust-1') => [
        item({ channelMessageId: '1', conversationKey: 'a' }),
        item({ channelMessageId: '2', conversationKey: 'b', ...second }, customer),
      ];
      expect(planIngest(twins({}, 'cust-2'), lookups()).map((d) => d.kind)).toEqual(['create', 'create']);
      expect(planIngest(twins({ receivedAt: new Date(300_001) }), lookups()).map((d) => d.kind)).toEqual([
        'create',
        'create',
      ]);
      const disabled = lookups({ nearDuplicateWindows: new Map([['tenant-a', 0]]) });
      expect(planIngest(twins({}), disabled).map((d) => d.kind)).toEqual(['create', 'create']);
    });

    it('appends to the open ticket of a stored near-duplicate', () => {
      const probe = item({ conversationKey: 'new-thread' });
      const nearDuplicates = new Map([
        [`tenant-a\u0000cust-1\u0000${probe.textHash ?? ''}`, [{ ticket: stored('first'), receivedAt: new Date(0) }]],
      ]);
      expect(summary(planIngest([probe], lookups({ nearDuplicates })))).toEqual([
        ['append', 'first', 'near_duplicate'],
      ]);
    });
  });

  describe('reopen policy', () => {
    const closed = (overrides: Partial<TicketState>) =>
      ticket('old', { status: 'closed', closedAt: new Date(0), ...overrides });
    const on = (state: TicketState, receivedAt = new Date(DAY)) =>
      summary(
        planIngest(
          [item({ receivedAt }), item({ channelMessageId: 'cm-2', receivedAt, bodyText: 'more' })],
          lookups({ conversations: new Map([['tenant-a\u0000conv-1', state]]) }),
        ),
      );

    it('reopen: the message reopens the ticket and the next one just appends', () => {
      const plan = planIngest([item({})], lookups({ conversations: new Map([['tenant-a\u0000conv-1', closed({})]]) }));
      expect(plan[0]).toMatchObject({ kind: 'append', ticket: { id: 'old' }, reopenedFrom: 'closed' });
      expect(on(closed({}))).toEqual([
        ['append', 'old', 'conversation'],
        ['append', 'old', 'conversation'],
      ]);
    });

    it('new_ticket: a follow-up ticket linked to the old one, which later messages thread onto', () => {
      expect(on(closed({ reopenPolicy: 'new_ticket' }))).toEqual([
        ['create', 't1', 'old'],
        ['append', 't1', 'conversation'],
      ]);
    });

    it('reopen_within: reopens up to exactly N days after closing, a follow-up after that', () => {
      const state = closed({ reopenPolicy: 'reopen_within', reopenWithinDays: 2 });
      expect(reopens(state, new Date(2 * DAY))).toBe(true);
      expect(reopens(state, new Date(2 * DAY + 1))).toBe(false);
      expect(on(state, new Date(2 * DAY))[0]).toEqual(['append', 'old', 'conversation']);
      expect(on(state, new Date(2 * DAY + 1))[0]).toEqual(['create', 't1', 'old']);
    });

    it('never reopens an archived ticket', () => {
      expect(on(closed({ archived: true }))[0]).toEqual(['create', 't1', 'old']);
    });
  });

  describe('quoted ticket number', () => {
    const numbered = (state: TicketState) => new Map([['tenant-a\u0000SB-q', state]]);

    it('threads onto the quoted ticket of the same customer, whatever the conversation', () => {
      const plan = planIngest(
        [item({ ticketNumberHint: 'SB-q', conversationKey: 'fresh' })],
        lookups({ numberedTickets: numbered(ticket('q')) }),
      );
      expect(summary(plan)).toEqual([['append', 'q', 'ticket_number']]);
    });

    it('only links a web message quoting the number without a verified sender, tagged for agents', () => {
      const web = { ticketNumberHint: 'SB-q', conversationKey: 'fresh', channel: 'web' as const };
      const [unproven] = planIngest([item(web)], lookups({ numberedTickets: numbered(ticket('q')) }));
      expect(unproven).toMatchObject({ kind: 'create', followUpOf: { id: 'q' }, unverifiedFollowUp: true });
      const verified = item({ ...web, identities: [{ kind: 'email', value: 'a@example.com', verified: true }] });
      const [proven] = planIngest([verified], lookups({ numberedTickets: numbered(ticket('q')) }));
      expect(proven).toMatchObject({ kind: 'append', ticket: { id: 'q' }, reason: 'ticket_number' });
    });

    it("ignores another customer's ticket number", () => {
      const plan = planIngest(
        [item({ ticketNumberHint: 'SB-q', conversationKey: 'fresh' })],
        lookups({ numberedTickets: numbered(ticket('q', { customerId: 'someone-else' })) }),
      );
      expect(summary(plan)).toEqual([['create', 't1', null]]);
    });
  });
});
