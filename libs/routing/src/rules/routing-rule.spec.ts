import { withinBusinessHours } from './business-hours';
import {
  firstMatchingRule,
  matchRule,
  requiredSkillsSchema,
  ruleConditionsSchema,
  type RoutingRule,
  type RuleConditionsInput,
} from './routing-rule';

const rule = (id: string, position: number, conditions: RoutingRule['conditions']): RoutingRule => ({
  requiredSkills: [],
  id,
  name: id,
  position,
  conditions,
  teamId: `team-${id}`,
  priority: null,
  tags: [],
  slaPolicy: null,
  setCategory: null,
});

const ticket = { category: 'billing', tier: 'vip', region: 'cn-east', channel: 'web' };

describe('routing rules', () => {
  const rules = [
    rule('vip-billing-eu', 1, { category: ['billing'], tier: ['vip'], region: ['eu'] }),
    rule('vip-billing', 2, { category: ['Billing'], tier: ['vip', 'gold'] }),
    rule('catch-all', 3, {}),
  ];

  it('picks the first rule whose every condition holds, and says why', () => {
    const match = firstMatchingRule(rules, ticket);
    expect(match?.rule.id).toBe('vip-billing');
    expect(match?.because).toEqual(['category=billing', 'tier=vip']);
  });

  it('falls through to a catch-all rule', () => {
    expect(firstMatchingRule(rules, { ...ticket, category: 'technical' })?.rule.id).toBe('catch-all');
  });

  it('matches nothing when no rule applies', () => {
    expect(firstMatchingRule(rules.slice(0, 2), { ...ticket, tier: 'standard' })).toBeUndefined();
  });

  it('refuses unknown condition fields and empty value lists when a rule is saved', () => {
    expect(ruleConditionsSchema.safeParse({ colour: ['red'] }).success).toBe(false);
    expect(ruleConditionsSchema.safeParse({ category: [] }).success).toBe(false);
    expect(ruleConditionsSchema.safeParse({ category: ['billing'] }).success).toBe(true);
  });

  it('validates required skills: known shape, levels 1 to 5, level 1 by default', () => {
    expect(requiredSkillsSchema.parse([{ skill: 'chinese' }])).toEqual([{ skill: 'chinese', minLevel: 1 }]);
    expect(requiredSkillsSchema.safeParse([{ skill: 'chinese', minLevel: 6 }]).success).toBe(false);
    expect(requiredSkillsSchema.safeParse([{ skill: 'Chinese Language' }]).success).toBe(false);
    expect(requiredSkillsSchema.safeParse([{ skill: 'chinese', level: 2 }]).success).toBe(false);
  });

  describe('conditions beyond the channel facts', () => {
    const details = {
      ...ticket,
      language: 'zh-CN',
      subject: '退款申请 Refund for order 88231',
      body: 'Hello, my invoice INV-2026-0042 was charged twice.',
      ticketType: 'return',
      customFields: { product: 'router-x', issues: ['noise', 'wifi'] },
      customerId: '0190f5d2-0000-7000-8000-0000000000c1',
      companyId: '0190f5d2-0000-7000-8000-0000000000e1',
    };
    const holds = (conditions: RuleConditionsInput, facts: object = details) =>
      matchRule(rule('r', 1, ruleConditionsSchema.parse(conditions)), { ...details, ...facts })?.because;

    it('matches keywords in the subject or the body, Chinese included, and names the one found', () => {
      expect(holds({ keywords: ['退款', 'chargeback'] })).toEqual(['keyword "退款"']);
      expect(holds({ keywords: ['CHARGED TWICE'] })).toEqual(['keyword "CHARGED TWICE"']);
      expect(holds({ keywords: ['password'] })).toBeUndefined();
    });

    it('matches a pattern, case-insensitive, and refuses one that does not compile', () => {
      expect(holds({ pattern: 'inv-\\d{4}-\\d+' })).toEqual(['pattern /inv-\\d{4}-\\d+/ found "INV-2026-0042"']);
      expect(holds({ pattern: '^urgent' })).toBeUndefined();
      expect(ruleConditionsSchema.safeParse({ pattern: '(unclosed' }).success).toBe(false);
      expect(ruleConditionsSchema.safeParse({ pattern: 'a'.repeat(201) }).success).toBe(false);
    });

    it('matches a catastrophic-backtracking pattern in linear time instead of freezing the process', () => {
      // With backtracking, (a+)+$ against 28 a's and a "!" took 2.3 s and doubled with each character.
      const subject = `${'a'.repeat(4_000)}!`;
      expect(holds({ pattern: '(a+)+$' }, { subject, body: `${'a'.repeat(3_000)}!` })).toBeUndefined();
      expect(holds({ pattern: '(a+)+!' }, { subject })?.[0]).toMatch(/^pattern \/\(a\+\)\+!\/ found "a{40}"$/);
    });

    it('refuses lookaround and backreferences when a rule is saved, saying why', () => {
      for (const pattern of ['(?=refund)', '(?<!no )refund', '(\\w)\\1']) {
        const parsed = ruleConditionsSchema.safeParse({ pattern });
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.message).toMatch(/linear time/);
      }
    });

    it('lets a stored pattern RE2 cannot run match nothing instead of failing the routing batch', () => {
      const stored = rule('legacy', 1, { pattern: '(?=refund)refund' });
      expect(matchRule(stored, { ...details, subject: 'refund please' })).toBeUndefined();
    });

    it('matches language, ticket type and template fields, multi-select values included', () => {
      expect(holds({ language: ['zh-cn'], ticketType: ['return', 'repair'] })).toEqual([
        'language=zh-cn',
        'ticketType=return',
      ]);
      expect(holds({ customFields: { issues: ['wifi'], product: ['router-x'] } })).toEqual([
        'field issues=wifi',
        'field product=router-x',
      ]);
      expect(holds({ customFields: { issues: ['battery'] } })).toBeUndefined();
      expect(holds({ customFields: { warranty: ['yes'] } })).toBeUndefined();
    });

    it('matches listed customers and companies only', () => {
      expect(holds({ companyIds: [details.companyId] })).toEqual(['company listed']);
      expect(holds({ customerIds: ['0190f5d2-0000-7000-8000-0000000000c2'] })).toBeUndefined();
      expect(holds({ companyIds: [details.companyId] }, { companyId: undefined })).toBeUndefined();
    });

    it('routes by business hours in the tenant time zone, and after hours with inside: false', () => {
      const weekdays = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
      // Wednesday 2026-11-25 10:30 in Shanghai is 02:30 UTC; 19:00 there is 11:00 UTC.
      const morning = new Date('2026-11-25T02:30:00Z');
      const evening = new Date('2026-11-25T11:00:00Z');
      expect(holds({ businessHours: weekdays }, { receivedAt: morning })).toEqual(['within business hours']);
      expect(holds({ businessHours: weekdays }, { receivedAt: evening })).toBeUndefined();
      expect(holds({ businessHours: { ...weekdays, inside: false } }, { receivedAt: evening })).toEqual([
        'outside business hours',
      ]);
      // Saturday morning is outside, whatever the hour.
      expect(withinBusinessHours(weekdays, new Date('2026-11-28T02:30:00Z'))).toBe(false);
    });

    it('handles hours that run past midnight, counting the early part to the day before', () => {
      const night = { timezone: 'UTC', days: [5], from: '22:00', to: '06:00' };
      expect(withinBusinessHours(night, new Date('2026-11-27T23:00:00Z'))).toBe(true); // Friday 23:00
      expect(withinBusinessHours(night, new Date('2026-11-28T05:59:00Z'))).toBe(true); // Saturday 05:59
      expect(withinBusinessHours(night, new Date('2026-11-28T06:00:00Z'))).toBe(false);
      expect(withinBusinessHours(night, new Date('2026-11-27T05:00:00Z'))).toBe(false); // Friday early = Thursday's night
    });

    it('refuses business hours with an unknown zone, bad clock times or no days', () => {
      const ok = { timezone: 'Europe/Berlin', days: [1], from: '08:00', to: '17:00' };
      expect(ruleConditionsSchema.safeParse({ businessHours: ok }).success).toBe(true);
      expect(ruleConditionsSchema.safeParse({ businessHours: { ...ok, timezone: 'Mars/Olympus' } }).success).toBe(
        false,
      );
      expect(ruleConditionsSchema.safeParse({ businessHours: { ...ok, from: '8am' } }).success).toBe(false);
      expect(ruleConditionsSchema.safeParse({ businessHours: { ...ok, days: [] } }).success).toBe(false);
    });

    it('needs every condition of a rule to hold', () => {
      expect(holds({ keywords: ['refund'], channel: ['email'] })).toBeUndefined();
      expect(holds({ keywords: ['refund'], channel: ['web'], tier: ['vip'] })).toEqual([
        'tier=vip',
        'channel=web',
        'keyword "refund"',
      ]);
    });
  });
});
