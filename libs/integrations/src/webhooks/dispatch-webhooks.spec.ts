import { streaksOf } from './dispatch-webhooks.use-case';

describe('failure streaks per subscription in one dispatch pass', () => {
  it('resets at a success and counts the failures after it; adds up without one', () => {
    const o = (id: string, delivered: boolean) => ({ delivery: { subscription_id: id }, delivered });
    expect(streaksOf([o('a', false), o('a', true), o('a', false), o('b', false), o('b', false)])).toEqual([
      { id: 'a', reset: true, failures: 1 },
      { id: 'b', reset: false, failures: 2 },
    ]);
  });
});
