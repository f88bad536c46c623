import { DEFAULT_KEYWORDS, classifyKeyword, keywordSetOf } from './opt-out-keywords';
import { InMemoryOptOutStore } from './opt-out.store';
import { undeliverableTo } from './undeliverable';

describe('classifyKeyword', () => {
  it.each(DEFAULT_KEYWORDS.opt_out)('%s opts out', (word) => {
    expect(classifyKeyword(word)).toBe('opt_out');
    expect(classifyKeyword(` ${word.toLowerCase()}. `)).toBe('opt_out');
  });

  it.each(['START', 'start', 'Yes', 'UNSTOP!'])('%s opts back in', (word) => {
    expect(classifyKeyword(word)).toBe('opt_in');
  });

  it.each(['HELP', 'info', 'Help?', '帮助'])('%s asks for help', (word) => {
    expect(classifyKeyword(word)).toBe('help');
  });

  it('matches the whole message only', () => {
    expect(classifyKeyword('please stop calling me at work')).toBeUndefined();
    expect(classifyKeyword('STOP it, my order SB-000123 is late')).toBeUndefined();
    expect(classifyKeyword('stopper')).toBeUndefined();
    expect(classifyKeyword('')).toBeUndefined();
  });

  it('matches full-width letters and Chinese punctuation', () => {
    expect(classifyKeyword('ＳＴＯＰ')).toBe('opt_out');
    expect(classifyKeyword('退订。')).toBe('opt_out');
  });

  it("trusts Twilio's OptOutType and adds tenant keywords to the defaults", () => {
    expect(classifyKeyword('ARRET', undefined, 'STOP')).toBe('opt_out');
    expect(classifyKeyword('hello', undefined, 'HELP')).toBe('help');
    const tenant = keywordSetOf({ opt_out: ['ARRET'], opt_in: ['订阅'] });
    expect(classifyKeyword('arret', tenant)).toBe('opt_out');
    expect(classifyKeyword('STOP', tenant)).toBe('opt_out');
    expect(classifyKeyword('订阅', tenant)).toBe('opt_in');
  });
});

describe('opt-out store and the send rule', () => {
  const at = new Date('2026-01-02T03:04:05Z');

  it('blocks a number after STOP, only in its tenant, until START', async () => {
    const store = new InMemoryOptOutStore();
    await store.record({ tenant: 'acme', phone: '+14155552671', source: 'keyword', detail: 'STOP', at });
    await store.record({ tenant: 'acme', phone: '+14155552671', source: 'keyword', detail: 'QUIT', at: new Date() });
    expect(await undeliverableTo(store, 'acme', '+14155552671')).toEqual({
      reason: 'recipient_opted_out',
      detail: 'recipient opted out by texting "STOP" on 2026-01-02T03:04:05.000Z',
    });
    expect(await undeliverableTo(store, 'other', '+14155552671')).toBeUndefined();
    expect(await store.lift('acme', '+14155552671')).toBe(true);
    expect(await undeliverableTo(store, 'acme', '+14155552671')).toBeUndefined();
    expect(await store.lift('acme', '+14155552671')).toBe(false);
  });
});
