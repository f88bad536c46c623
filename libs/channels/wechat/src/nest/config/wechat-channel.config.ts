import { z } from 'zod';
import { DEFAULT_WECHAT_API_CONFIG, type WechatApiConfig } from '../../api/wechat-api.config';
import type { ReplyTemplate } from '../../outbound/send-wechat-reply';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const aesKey = z.string().regex(/^[A-Za-z0-9]{43}$/, 'an EncodingAESKey is 43 letters and digits');
const accountId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (it is part of the URL)');

const templateSchema = z.object({
  templateId: z.string().min(1),
  data: z.record(z.string(), z.string()),
  url: z.string().optional(),
});

const oaSchema = z.object({
  kind: z.literal('oa'),
  id: accountId,
  tenant: z.string().min(1),
  appId: z.string().min(1),
  appSecret: z.string().min(1),
  token: z.string().min(3).max(32),
  encodingAesKey: aesKey.optional(),
  mode: z.enum(['plain', 'compatible', 'safe']).default('safe'),
  /** The account's original id (gh_…), the sender of passive replies. */
  originalId: z.string().default(''),
  template: templateSchema.optional(),
  lookupMenuKeys: z.array(z.string()).optional(),
});

const kfSchema = z.object({
  kind: z.literal('kf'),
  id: accountId,
  tenant: z.string().min(1),
  corpId: z.string().min(1),
  /** The secret of WeCom's 微信客服 app (its access token calls kf/*). */
  secret: z.string().min(1),
  token: z.string().min(3).max(32),
  encodingAesKey: aesKey,
  /** Agent id → their WeCom userid: the session is handed to them (service_state 3) when they take the ticket. */
  servicers: z.record(z.string(), z.string().min(1)).default({}),
});

const accountSchema = z
  .discriminatedUnion('kind', [oaSchema, kfSchema])
  .refine((a) => a.kind === 'kf' || a.mode === 'plain' || a.encodingAesKey !== undefined, {
    message: 'compatible and safe mode need an encodingAesKey',
    path: ['encodingAesKey'],
  });

const botSchema = z.object({
  id: accountId,
  tenant: z.string().min(1),
  /** The puppet package (installed beside the app), e.g. wechaty-puppet-service or wechaty-puppet-padlocal. */
  puppet: z.string().regex(/^(@[a-z0-9-]+\/)?wechaty-puppet-[a-z0-9-]+$/, 'a wechaty-puppet-* package name'),
  puppetToken: z.string().min(1).optional(),
  puppetOptions: z.record(z.string(), z.unknown()).default({}),
});

export type WechatBotConfig = z.infer<typeof botSchema>;
export type WechatOaAccountConfig = z.infer<typeof oaSchema>;
export type WechatKfAccountConfig = z.infer<typeof kfSchema>;
export type WechatAccountConfig = WechatOaAccountConfig | WechatKfAccountConfig;

const jsonArray = z.string().transform((raw, ctx): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

const envSchema = z.object({
  WECHAT_ACCOUNTS: jsonArray.pipe(z.array(accountSchema)).default([]),
  WECHAT_BOTS: jsonArray.pipe(z.array(botSchema)).default([]),
  WECHAT_OA_BASE_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_WECHAT_API_CONFIG.oaBaseUrl),
  WECHAT_WECOM_BASE_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_WECHAT_API_CONFIG.wecomBaseUrl),
  WECHAT_API_TIMEOUT_MS: positive(DEFAULT_WECHAT_API_CONFIG.timeoutMs),
  /** Comma-separated waits before repeating a 45009 / 5xx call. */
  WECHAT_API_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .default(DEFAULT_WECHAT_API_CONFIG.backoffMs.join(',')),
  WECHAT_MAX_BODY_BYTES: positive(65_536),
  WECHAT_DELIVERY_ATTEMPTS: positive(5),
  WECHAT_DELIVERY_BACKOFF_MS: positive(1_000),
  WECHAT_DELIVERY_MAX_BACKOFF_MS: positive(60_000),
});

export interface WechatChannelConfig {
  readonly accounts: readonly WechatAccountConfig[];
  /** Personal WeChat accounts through Wechaty (one instance only: a personal account logs in once). */
  readonly bots: readonly WechatBotConfig[];
  readonly api: WechatApiConfig;
  readonly maxBodyBytes: number;
  readonly delivery: { readonly maxAttempts: number; readonly initialBackoffMs: number; readonly maxBackoffMs: number };
}

export class WechatChannelConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid WeChat channel configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WechatChannelConfigError';
  }
}

/** The WeChat channel's settings from the environment, validated once at start-up (every problem listed). */
export function loadWechatChannelConfig(env: Readonly<Record<string, string | undefined>>): WechatChannelConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new WechatChannelConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  const ids = [...e.WECHAT_ACCOUNTS, ...e.WECHAT_BOTS].map((a) => a.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0)
    throw new WechatChannelConfigError(repeated.map((id) => `WECHAT_ACCOUNTS: account id ${id} is used twice`));
  return {
    accounts: e.WECHAT_ACCOUNTS,
    bots: e.WECHAT_BOTS,
    api: {
      ...DEFAULT_WECHAT_API_CONFIG,
      oaBaseUrl: e.WECHAT_OA_BASE_URL.replace(/\/+$/, ''),
      wecomBaseUrl: e.WECHAT_WECOM_BASE_URL.replace(/\/+$/, ''),
      timeoutMs: e.WECHAT_API_TIMEOUT_MS,
      backoffMs: e.WECHAT_API_BACKOFF_MS.split(',').map(Number),
    },
    maxBodyBytes: e.WECHAT_MAX_BODY_BYTES,
    delivery: {
      maxAttempts: e.WECHAT_DELIVERY_ATTEMPTS,
      initialBackoffMs: e.WECHAT_DELIVERY_BACKOFF_MS,
      maxBackoffMs: e.WECHAT_DELIVERY_MAX_BACKOFF_MS,
    },
  };
}

/** The template an Official Account sends outside the 48-hour window, as SendWechatReply takes it. */
export function replyTemplateOf(account: WechatOaAccountConfig): ReplyTemplate | undefined {
  const t = account.template;
  if (!t) return undefined;
  return { templateId: t.templateId, data: t.data, ...(t.url ? { url: t.url } : {}) };
}
