import { AccessTokenProvider, type IssuedToken } from './access-token-provider';
import { InMemoryWechatSharedStore } from './shared-store';
import type { WechatCredential } from './wechat-credential';

const credential: WechatCredential = { api: 'oa', appId: 'wx1', secret: 's' };

describe('AccessTokenProvider (in-memory store, as the embedded mode runs it)', () => {
  let clock = 0;
  let issued = 0;
  const issue = async (): Promise<IssuedToken> => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { accessToken: `t${++issued}`, expiresInSeconds: 7200 };
  };
  const provider = () =>
    new AccessTokenProvider(new InMemoryWechatSharedStore(() => clock), issue, { now: () => clock, pollMs: 1 });

  beforeEach(() => {
    clock = 1_000_000;
    issued = 0;
  });

  it('issues once for concurrent callers and reuses the token until five minutes before expiry', async () => {
    const tokens = provider();
    expect(new Set(await Promise.all(Array.from({ length: 10 }, () => tokens.token(credential))))).toEqual(
      new Set(['t1']),
    );
    clock += (7200 - 301) * 1000;
    expect(await tokens.token(credential)).toBe('t1');
    clock += 2000;
    expect(await tokens.token(credential)).toBe('t2');
  });

  it('replaces a refused token once, and ignores a stale refusal of a token already replaced', async () => {
    const tokens = provider();
    const first = await tokens.token(credential);
    const replaced = await Promise.all(Array.from({ length: 5 }, () => tokens.invalidate(credential, first)));
    expect(new Set(replaced)).toEqual(new Set(['t2']));
    expect(await tokens.invalidate(credential, first)).toBe('t2');
    expect(issued).toBe(2);
  });

  it('keeps tokens of different secrets of one corp apart', async () => {
    const tokens = provider();
    const a = await tokens.token({ api: 'wecom', corpId: 'ww', secret: 'kf' });
    const b = await tokens.token({ api: 'wecom', corpId: 'ww', secret: 'other-app' });
    expect(a).not.toBe(b);
  });
});
