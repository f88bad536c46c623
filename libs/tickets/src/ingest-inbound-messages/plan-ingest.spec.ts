import { planIngest, type TenantMessage, type TicketRef } from './plan-ingest';

let counter = 0;
const newId = (): string => `t${++counter}`;

function message(overrides: Partial<TenantMessage>): TenantMessage {
  return {
    messageId: 'm',
    tenantSlug: 'acme',
    tenantId: 'tenant-a',
    channel: 'email',
    channelMessageId: 'cm-1',
    conversationKey: 'conv-1',
    identity: { kind: 'email', value: 'a@example.com' },
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
    ...overrides,
  };
}

const stored = (id: string): TicketRef => ({ id, tenantId: 'tenant-a', number: `SB-${id}`, isNew: false });

describe('planIngest', () => {
  beforeEach(() => {
    counter = 0;
  });

  it('opens a ticket for a new conversation and threads follow-ups of the same batch onto it', () => {
    const plan = planIngest(
      [
        message({ channelMessageId: '1' }),
        message({ channelMessageId: '2' }),
        message({ channelMessageId: '3', conversationKey: 'other' }),
      ],
      { storedMessages: new Map(), openConversations: new Map(), newId },
    );
    expect(plan.map((d) => [d.kind, d.ticket.id])).toEqual([
      ['create', 't1'],
      ['append', 't1'],
      ['create', 't2'],
    ]);
  });

  it('drops a message stored before, and a repeat inside the batch, as duplicates of their ticket', () => {
    const plan = planIngest(
      [
        message({ channelMessageId: 'old' }),
        message({ channelMessageId: 'new', conversationKey: 'c2' }),
        message({ channelMessageId: 'new', conversationKey: 'c2' }),
      ],
      { storedMessages: new Map([['tenant-a\u0000email\u0000old', stored('x')]]), openConversations: new Map(), newId },
    );
    expect(plan.map((d) => [d.kind, d.ticket.id])).toEqual([
      ['duplicate', 'x'],
      ['create', 't1'],
      ['duplicate', 't1'],
    ]);
  });

  it('appends to the open ticket of a stored conversation', () => {
    const plan = planIngest([message({})], {
      storedMessages: new Map(),
      openConversations: new Map([['tenant-a\u0000conv-1', stored('open')]]),
      newId,
    });
    expect(plan[0]).toMatchObject({ kind: 'append', ticket: { id: 'open' } });
  });

  it('keeps tenants apart: the same ids in another tenant are a different conversation', () => {
    const plan = planIngest([message({}), message({ tenantId: 'tenant-b' })], {
      storedMessages: new Map(),
      openConversations: new Map(),
      newId,
    });
    expect(plan.map((d) => d.kind)).toEqual(['create', 'create']);
  });
});
