import { loadWechatChannelConfig, WechatChannelConfigError } from './wechat-channel.config';

const oa = {
  kind: 'oa',
  id: 'acme-oa',
  tenant: 'acme',
  appId: 'wx1',
  appSecret: 's',
  token: 'token',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadWechatChannelConfig(env);
  } catch (error) {
    if (error instanceof WechatChannelConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadWechatChannelConfig', () => {
  it('is off without accounts and points at the platforms by default', () => {
    const config = loadWechatChannelConfig({});
    expect(config.accounts).toEqual([]);
    expect(config.api.oaBaseUrl).toBe('https://api.weixin.qq.com');
    expect(config.api.wecomBaseUrl).toBe('https://qyapi.weixin.qq.com');
  });

  it('reads accounts (safe mode by default) and the API settings', () => {
    const config = loadWechatChannelConfig({
      WECHAT_ACCOUNTS: JSON.stringify([oa]),
      WECHAT_OA_BASE_URL: 'http://127.0.0.1:9/',
      WECHAT_API_BACKOFF_MS: '1,2,3',
    });
    expect(config.accounts[0]).toMatchObject({ id: 'acme-oa', mode: 'safe', originalId: '' });
    expect(config.api.oaBaseUrl).toBe('http://127.0.0.1:9');
    expect(config.api.backoffMs).toEqual([1, 2, 3]);
  });

  it('fails with every problem: bad JSON, a short key, safe mode without a key, a repeated id', () => {
    expect(problemsOf({ WECHAT_ACCOUNTS: '[{' })).toEqual([expect.stringMatching(/WECHAT_ACCOUNTS: not JSON/)]);
    const bad = problemsOf({
      WECHAT_ACCOUNTS: JSON.stringify([
        { ...oa, encodingAesKey: 'short' },
        { ...oa, id: 'other', encodingAesKey: undefined },
      ]),
      WECHAT_MAX_BODY_BYTES: '-1',
    });
    expect(bad.join('\n')).toMatch(/WECHAT_ACCOUNTS\.0\.encodingAesKey: an EncodingAESKey is 43/);
    expect(bad.join('\n')).toMatch(/WECHAT_ACCOUNTS\.1\.encodingAesKey: compatible and safe mode need/);
    expect(bad.join('\n')).toMatch(/WECHAT_MAX_BODY_BYTES/);
    expect(problemsOf({ WECHAT_ACCOUNTS: JSON.stringify([oa, oa]) })).toEqual([
      'WECHAT_ACCOUNTS: account id acme-oa is used twice',
    ]);
  });
});
