import { dryRunRoutingCommandSchema } from './dry-run-routing.command';
import { routingRuleDraftSchema } from './routing-rule-draft.command';

const TEAM = '0190b6e0-0000-7000-8000-000000000001';
const valid = { name: 'VIP billing', position: 3, conditions: { category: ['billing'], tier: ['vip'] }, teamId: TEAM };

function problems(input: unknown): string[] {
  const parsed = routingRuleDraftSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}:${i.code}`).sort();
}

describe('routing rule draft', () => {
  it('accepts a rule and fills enabled, priority and required skills', () => {
    expect(routingRuleDraftSchema.parse(valid)).toEqual({
      ...valid,
      enabled: true,
      priority: null,
      requiredSkills: [],
      tags: [],
      slaPolicy: null,
      setCategory: null,
    });
  });

  it('accepts each priority and null', () => {
    for (const priority of ['low', 'normal', 'high', 'urgent', null]) {
      expect(routingRuleDraftSchema.parse({ ...valid, priority }).priority).toBe(priority);
    }
  });

  it('rejects a condition on a field rules cannot read', () => {
    expect(problems({ ...valid, conditions: { category: ['billing'], colour: ['red'] } })).toEqual([
      'conditions:unrecognized_keys',
    ]);
  });

  it('rejects empty condition lists, a bad priority, position and team, and unknown fields', () => {
    expect(
      problems({ ...valid, conditions: { tier: [] }, priority: 'asap', position: 0, teamId: 'billing', extra: 1 }),
    ).toEqual([
      ':unrecognized_keys',
      'conditions.tier:too_small',
      'position:too_small',
      'priority:invalid_value',
      'teamId:invalid_format',
    ]);
  });

  it('requires name, position, conditions and team', () => {
    expect(problems({})).toEqual([
      'conditions:invalid_type',
      'name:invalid_type',
      'position:invalid_type',
      'teamId:invalid_type',
    ]);
  });
});

describe('dry-run command', () => {
  it('takes any of the four facts and nothing else', () => {
    expect(dryRunRoutingCommandSchema.parse({ category: 'billing' })).toEqual({ category: 'billing' });
    expect(dryRunRoutingCommandSchema.safeParse({ category: 'billing', customer: 'x' }).success).toBe(false);
    expect(dryRunRoutingCommandSchema.safeParse({ tier: '' }).success).toBe(false);
  });
});
