import fc from 'fast-check';
import {
  firstMatchingRule,
  matchRule,
  ruleConditionsSchema,
  type RoutableTicket,
  type RoutingRule,
} from './routing-rule';

const word = fc.constantFrom('billing', 'Tech', 'vip', 'GOLD', 'eu', 'cn', 'web', 'email', 'zh-CN', 'repair');
const list = fc.array(word, { minLength: 1, maxLength: 3 });
/** Patterns built from atoms that backtracking engines choke on, joined at random. */
const pattern = fc
  .array(fc.constantFrom('a', '(a+)+', '(a|aa)*', '[a-c]*', 'b?', '.*', '\\d+', '退款', '$', '^'), {
    minLength: 1,
    maxLength: 5,
  })
  .map((atoms) => atoms.join(''));

const conditions = fc
  .record(
    {
      category: list,
      tier: list,
      region: list,
      channel: list,
      language: list,
      keywords: fc.array(fc.constantFrom('refund', 'aaa', '退款', 'invoice'), { minLength: 1, maxLength: 2 }),
      pattern,
    },
    { requiredKeys: [] },
  )
  .map((raw) => ruleConditionsSchema.parse(raw));

const rules = fc.array(conditions, { maxLength: 8 }).map((all) =>
  all.map((c, i): RoutingRule => ({
    id: `r${i}`,
    name: `r${i}`,
    position: i + 1,
    conditions: c,
    teamId: `team-${i}`,
    priority: null,
    requiredSkills: [],
    tags: [],
    slaPolicy: null,
    setCategory: null,
  })),
);

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.nat({ max: 3_000 }).map((n) => `${'a'.repeat(n)}!`),
  fc.constantFrom('退款 refund please', 'INVOICE 42', ''),
);

const ticket: fc.Arbitrary<RoutableTicket> = fc.record({
  category: word,
  tier: word,
  region: word,
  channel: word,
  language: word,
  subject: text,
  body: text,
});

describe('routing rules, for any rule set and ticket', () => {
  it('decide without throwing, and pick the first rule (by position) whose conditions hold', () => {
    fc.assert(
      fc.property(rules, ticket, (ruleSet, t) => {
        const decision = firstMatchingRule(ruleSet, t);
        const first = ruleSet.find((rule) => matchRule(rule, t) !== undefined);
        expect(decision?.rule.id).toBe(first?.id);
      }),
      { numRuns: 300 },
    );
  });

  it('only match when every listed value condition holds, case-insensitively', () => {
    fc.assert(
      fc.property(rules, ticket, (ruleSet, t) => {
        for (const rule of ruleSet) {
          const match = matchRule(rule, t);
          if (!match) continue;
          for (const field of ['category', 'tier', 'region', 'channel', 'language'] as const) {
            const accepted = rule.conditions[field];
            if (accepted) expect(accepted.map((v) => v.toLowerCase())).toContain((t[field] ?? '').toLowerCase());
          }
          expect(match.because.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decide the same whatever the case of the ticket facts', () => {
    fc.assert(
      fc.property(rules, ticket, (ruleSet, t) => {
        const shouted = {
          ...t,
          category: t.category.toUpperCase(),
          tier: t.tier.toUpperCase(),
          region: t.region.toUpperCase(),
        };
        expect(firstMatchingRule(ruleSet, shouted)?.rule.id).toBe(firstMatchingRule(ruleSet, t)?.rule.id);
      }),
      { numRuns: 200 },
    );
  });

  it('send every ticket to a catch-all rule placed after any others', () => {
    fc.assert(
      fc.property(rules, ticket, (ruleSet, t) => {
        const catchAll: RoutingRule = { ...(ruleSet[0] ?? placeholder), id: 'catch-all', conditions: {} };
        expect(firstMatchingRule([...ruleSet, catchAll], t)).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });
});

const placeholder: RoutingRule = {
  id: 'p',
  name: 'p',
  position: 1,
  conditions: {},
  teamId: 'team-p',
  priority: null,
  requiredSkills: [],
  tags: [],
  slaPolicy: null,
  setCategory: null,
};
