import {
  matchPolicy,
  raisedPriority,
  slaTargetsSchema,
  targetOf,
  type SlaPolicy,
  type TicketFacts,
} from './sla-policy';

const policy = (over: Partial<SlaPolicy>): SlaPolicy => ({
  id: over.key ?? 'p',
  tenantId: 't',
  key: 'p',
  name: 'P',
  position: 1,
  enabled: true,
  conditions: {},
  calendarId: 'c',
  targets: {},
  reminders: [],
  escalations: [],
  version: 1,
  ...over,
});

const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  priority: 'normal',
  tier: 'standard',
  ticketType: null,
  channel: 'email',
  teamId: null,
  category: null,
  slaPolicyKey: null,
  ...over,
});

describe('SLA policies', () => {
  const vip = policy({
    key: 'urgent-vip',
    position: 1,
    conditions: { anyOf: [{ priorities: ['urgent'] }, { tiers: ['vip'] }] },
  });
  const web = policy({ key: 'web', position: 2, conditions: { channels: ['web'] } });
  const all = policy({ key: 'default', position: 3 });

  it('takes the first matching policy by position', () => {
    expect(matchPolicy([all, web, vip], ticket({ priority: 'urgent', channel: 'web' }))?.key).toBe('urgent-vip');
    expect(matchPolicy([all, web, vip], ticket({ tier: 'vip' }))?.key).toBe('urgent-vip');
    expect(matchPolicy([all, web, vip], ticket({ channel: 'web' }))?.key).toBe('web');
    expect(matchPolicy([all, web, vip], ticket())?.key).toBe('default');
  });

  it("puts routing's slaPolicy action ahead of the conditions, and skips disabled policies", () => {
    expect(matchPolicy([all, web, vip], ticket({ priority: 'urgent', slaPolicyKey: 'web' }))?.key).toBe('web');
    expect(matchPolicy([{ ...vip, enabled: false }, all], ticket({ priority: 'urgent' }))?.key).toBe('default');
  });

  it('requires every listed condition', () => {
    const teamTyped = policy({
      conditions: { teamIds: ['00000000-0000-7000-8000-000000000001'], ticketTypes: ['repair'] },
    });
    expect(matchPolicy([teamTyped], ticket({ ticketType: 'repair' }))).toBeUndefined();
    expect(
      matchPolicy([teamTyped], ticket({ ticketType: 'repair', teamId: '00000000-0000-7000-8000-000000000001' })),
    ).toBe(teamTyped);
  });

  it('reads targets per priority with a default, and per status', () => {
    const p = policy({
      targets: { firstResponse: { urgent: 3600, default: 14_400 }, statuses: { review: { default: 4 * 3600 } } },
    });
    expect(targetOf(p, 'first_response', 'urgent')).toBe(3600);
    expect(targetOf(p, 'first_response', 'low')).toBe(14_400);
    expect(targetOf(p, 'status:review', 'high')).toBe(14_400);
    expect(targetOf(p, 'resolution', 'urgent')).toBeUndefined();
  });

  it('raises priority one step', () => {
    expect(['low', 'normal', 'high', 'urgent'].map(raisedPriority)).toEqual(['normal', 'high', 'urgent', 'urgent']);
  });
});

describe('SLA policy targets schema', () => {
  it('takes a per-status target for some statuses only, and refuses a status without a clock', () => {
    expect(slaTargetsSchema.parse({ statuses: { review: { default: 14_400 } } })).toEqual({
      statuses: { review: { default: 14_400 } },
    });
    expect(slaTargetsSchema.safeParse({ statuses: { resolved: { default: 60 } } }).success).toBe(false);
  });
});
