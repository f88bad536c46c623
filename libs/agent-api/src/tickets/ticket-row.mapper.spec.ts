import { toTicketView, type TicketJoinedRow } from './ticket-row.mapper';

const row = (overrides: Partial<TicketJoinedRow>): TicketJoinedRow => ({
  id: 't1',
  number: 'SB-000001',
  status: 'new',
  priority: 'normal',
  category: null,
  channel: 'web',
  subject: 'Invoice missing',
  tier: 'standard',
  region: null,
  tags: [],
  created_at: new Date(0),
  updated_at: new Date(0),
  assigned_at: null,
  cursor_created_at: '1970-01-01T00:00:00.000000Z',
  team_id: null,
  team_name: null,
  assignee_id: null,
  assignee_name: null,
  assignee_email: null,
  customer_id: 'c1',
  customer_name: 'Wang Fang',
  ...overrides,
});

describe('toTicketView', () => {
  it('shows subject and customer name without bidi overrides or zero-width characters, and flags them', () => {
    const view = toTicketView(row({ subject: 'Refund for \u202Efdp.exe', customer_name: 'Support\u200B Team' }));
    expect(view.subject).toBe('Refund for fdp.exe');
    expect(view.customer.name).toBe('Support Team');
    expect(view.hiddenCharacters).toEqual([
      { field: 'subject', codePoints: ['U+202E'] },
      { field: 'customer.name', codePoints: ['U+200B'] },
    ]);
  });

  it('leaves ordinary text, Chinese and emoji sequences as they are, with nothing flagged', () => {
    const view = toTicketView(row({ subject: '退款 👨\u200D👩\u200D👧', customer_name: null }));
    expect(view.subject).toBe('退款 👨\u200D👩\u200D👧');
    expect(view.customer.name).toBeNull();
    expect(view.hiddenCharacters).toEqual([]);
  });
});
