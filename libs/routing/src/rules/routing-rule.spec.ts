import { firstMatchingRule, requiredSkillsSchema, ruleConditionsSchema, type RoutingRule } from './routing-rule';

const rule = (id: string, position: number, conditions: RoutingRule['conditions']): RoutingRule => ({
  requiredSkills: [],
  id,
  name: id,
  position,
  conditions,
  teamId: `team-${id}`,
  priority: null,
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
});
