/** Where the platforms' APIs are: configurable, so tests (and a proxy in a locked-down network) can point elsewhere. */
export interface WechatApiConfig {
  /** Official Account API, `https://api.weixin.qq.com` in production. */
  readonly oaBaseUrl: string;
  /** WeCom API (微信客服 included), `https://qyapi.weixin.qq.com` in production. */
  readonly wecomBaseUrl: string;
  /** Per request; WeChat answers within a second or two when healthy. */
  readonly timeoutMs: number;
  /** Waits before each repeat of a call refused with 45009 / 45011 / -1 or failing in transit. */
  readonly backoffMs: readonly number[];
  /** Largest media file we download (the blob store has its own limit too). */
  readonly maxMediaBytes: number;
}

export const DEFAULT_WECHAT_API_CONFIG: WechatApiConfig = {
  oaBaseUrl: 'https://api.weixin.qq.com',
  wecomBaseUrl: 'https://qyapi.weixin.qq.com',
  timeoutMs: 10_000,
  backoffMs: [500, 2_000, 8_000],
  maxMediaBytes: 20 * 1024 * 1024,
};
