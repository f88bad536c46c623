import { decideReplyWindow, type InteractionRecord } from './reply-window';

const now = new Date('2026-12-02T12:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);
const HOUR = 3_600_000;
const message = (msAgo: number, sentSince = 0): InteractionRecord => ({ kind: 'message', at: ago(msAgo), sentSince });

describe('decideReplyWindow', () => {
  it('sends free-form within 48 hours of the customer’s message, with the quota left', () => {
    expect(
      decideReplyWindow({ api: 'oa', interactions: [message(47 * HOUR, 2)], now, templateConfigured: true }),
    ).toEqual({
      send: 'free_form',
      until: new Date(now.getTime() + HOUR),
      remaining: 3,
    });
  });

  it('falls back to the template after 48 hours, or marks the reply undeliverable without one', () => {
    const late = [message(48 * HOUR + 1)];
    expect(decideReplyWindow({ api: 'oa', interactions: late, now, templateConfigured: true })).toEqual({
      send: 'template',
      reason: 'window_expired',
    });
    const undeliverable = decideReplyWindow({ api: 'oa', interactions: late, now, templateConfigured: false });
    expect(undeliverable).toMatchObject({ send: 'undeliverable', reason: 'window_expired' });
    expect(undeliverable.send === 'undeliverable' && undeliverable.explanation).toMatch(/48 hours/);
  });

  it('counts the quota: 5 replies per message, 3 within a minute of a menu click', () => {
    expect(
      decideReplyWindow({ api: 'oa', interactions: [message(HOUR, 5)], now, templateConfigured: false }),
    ).toMatchObject({
      send: 'undeliverable',
      reason: 'quota_exhausted',
    });
    const click: InteractionRecord = { kind: 'menu_click', at: ago(30_000), sentSince: 1 };
    expect(decideReplyWindow({ api: 'oa', interactions: [click], now, templateConfigured: false })).toMatchObject({
      send: 'free_form',
      remaining: 2,
    });
    const oldClick: InteractionRecord = { ...click, at: ago(61_000) };
    expect(
      decideReplyWindow({ api: 'oa', interactions: [oldClick, message(3 * HOUR, 5)], now, templateConfigured: true }),
    ).toEqual({
      send: 'template',
      reason: 'quota_exhausted',
    });
  });

  it('takes the later window of several interactions', () => {
    const decision = decideReplyWindow({
      api: 'oa',
      interactions: [{ kind: 'subscribe', at: ago(10_000), sentSince: 0 }, message(HOUR)],
      now,
      templateConfigured: false,
    });
    expect(decision).toEqual({ send: 'free_form', until: new Date(now.getTime() + 47 * HOUR), remaining: 5 });
  });

  it('never offers a template in WeCom kf, and knows no interaction', () => {
    expect(
      decideReplyWindow({ api: 'kf', interactions: [message(49 * HOUR)], now, templateConfigured: true }),
    ).toMatchObject({
      send: 'undeliverable',
      reason: 'window_expired',
    });
    expect(decideReplyWindow({ api: 'kf', interactions: [], now, templateConfigured: true })).toMatchObject({
      send: 'undeliverable',
      reason: 'no_interaction',
    });
    const click: InteractionRecord = { kind: 'menu_click', at: ago(1000), sentSince: 0 };
    expect(decideReplyWindow({ api: 'kf', interactions: [click], now, templateConfigured: false }).send).toBe(
      'undeliverable',
    );
  });
});
