import { blobDirOf } from '@switchboard/blobs';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from '../media/media-limits';
import { toSenderAddress } from '../phone/e164';
import { ACCOUNT_SID, sidOf } from '../sms/twilio-sid';
import { ivrSettingsSchema, type IvrSettings } from '../voice/ivr-menu';

const LOCAL = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?(?:\/|$)/;
/** Twilio calls only public HTTPS URLs; plain http is for a local fake or a tunnel in development. */
const baseUrl = z
  .url()
  .refine((u) => u.startsWith('https://') || LOCAL.test(u), 'must be https (http only for localhost)')
  .transform((u) => u.replace(/\/+$/, ''));

const keywordList = z.array(z.string().min(1).max(40)).max(20).optional();

const numberSchema = z.object({
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a tenant slug'),
  /** Our number (E.164) or short code. */
  number: z.string().transform((n, ctx) => {
    const address = toSenderAddress(n);
    if (!address) ctx.addIssue({ code: 'custom', message: 'must be an E.164 number or a short code' });
    return address ?? n;
  }),
  /** Sends through the Messaging Service (its sender pool, Advanced Opt-Out) instead of the number. */
  messagingServiceSid: sidOf('MG').optional(),
  language: z.enum(['en', 'zh-CN']).default('en'),
  helpText: z.string().min(1).max(320),
  keywords: z.object({ opt_out: keywordList, opt_in: keywordList, help: keywordList }).default({}),
  /** Absent: the number takes SMS only. */
  ivr: ivrSettingsSchema.optional(),
});

export type VoiceNumberSettings = z.infer<typeof numberSchema>;

const envSchema = z.object({
  VOICE_TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  VOICE_TWILIO_AUTH_TOKEN: z.string().min(16, 'must be the account auth token'),
  VOICE_TWILIO_SHARED_KEY_SECRET: z.string().min(16).optional(),
  VOICE_PUBLIC_BASE_URL: baseUrl,
  VOICE_TWILIO_API_BASE: baseUrl.default('https://api.twilio.com'),
  VOICE_NUMBERS_FILE: z.string().optional(),
  VOICE_NUMBERS_JSON: z.string().optional(),
  VOICE_MEDIA_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_MEDIA_LIMITS.maxBytes),
  VOICE_RECORDING_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  VOICE_MEDIA_TYPES: z.string().optional(),
  VOICE_SEND_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Where MMS media and voicemail recordings land (the email channel's content-addressed store). */
  // The shared blob store's root (EMAIL_BLOB_DIR) unless set: the agent API serves recordings from there.
  VOICE_BLOB_DIR: z.string().min(1).optional(),
  VOICE_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  VOICE_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(1).default(500),
  VOICE_DELIVERY_MAX_BACKOFF_MS: z.coerce.number().int().min(1).default(30_000),
  /** How long a call's state (menu choice, voicemail offered) is kept for its later callbacks. */
  VOICE_CALL_STATE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(48),
});

export interface VoiceChannelConfig {
  readonly accountSid: string;
  readonly authToken: string;
  readonly sharedKeySecret?: string | undefined;
  /** The base Twilio calls us at; every webhook is verified against it, never the Host header. */
  readonly publicBaseUrl: string;
  readonly apiBaseUrl: string;
  readonly numbers: readonly VoiceNumberSettings[];
  readonly mediaLimits: MediaLimits;
  readonly recordingLimits: MediaLimits;
  readonly sendTimeoutMs: number;
  readonly blobDir: string;
  readonly delivery: { readonly maxAttempts: number; readonly initialBackoffMs: number; readonly maxBackoffMs: number };
  readonly callStateTtlMs: number;
}

export class VoiceConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid voice channel configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'VoiceConfigError';
  }
}

const problemsOf = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);

function numbersSource(env: z.infer<typeof envSchema>): unknown {
  if (env.VOICE_NUMBERS_JSON) return JSON.parse(env.VOICE_NUMBERS_JSON) as unknown;
  if (!env.VOICE_NUMBERS_FILE) return { numbers: [] };
  return parseYaml(readFileSync(env.VOICE_NUMBERS_FILE, 'utf8')) as unknown;
}

/**
 * Reads the SMS/voice channel's settings once at start-up: credentials and URLs from env, the numbers
 * (tenant, help text, keywords, IVR) from `VOICE_NUMBERS_JSON` or the YAML/JSON `VOICE_NUMBERS_FILE`.
 * Every problem is listed; a number configured twice is one of them.
 */
export function loadVoiceChannelConfig(source: Readonly<Record<string, string | undefined>>): VoiceChannelConfig {
  const env = envSchema.safeParse(source);
  if (!env.success) throw new VoiceConfigError(problemsOf(env.error));
  let raw: unknown;
  try {
    raw = numbersSource(env.data);
  } catch (error) {
    throw new VoiceConfigError([`numbers: cannot read (${error instanceof Error ? error.message : String(error)})`]);
  }
  const numbers = z.object({ numbers: z.array(numberSchema) }).safeParse(raw);
  if (!numbers.success) throw new VoiceConfigError(problemsOf(numbers.error));
  const seen = numbers.data.numbers.map((n) => n.number);
  const twice = seen.filter((n, i) => seen.indexOf(n) !== i);
  if (twice.length > 0) throw new VoiceConfigError(twice.map((n) => `numbers: ${n} is configured more than once`));
  const e = env.data;
  const types =
    e.VOICE_MEDIA_TYPES?.split(',')
      .map((t) => t.trim())
      .filter(Boolean) ?? DEFAULT_MEDIA_LIMITS.allowedTypes;
  return {
    accountSid: e.VOICE_TWILIO_ACCOUNT_SID,
    authToken: e.VOICE_TWILIO_AUTH_TOKEN,
    sharedKeySecret: e.VOICE_TWILIO_SHARED_KEY_SECRET,
    publicBaseUrl: e.VOICE_PUBLIC_BASE_URL,
    apiBaseUrl: e.VOICE_TWILIO_API_BASE,
    numbers: numbers.data.numbers,
    mediaLimits: { maxBytes: e.VOICE_MEDIA_MAX_BYTES, allowedTypes: types },
    recordingLimits: { maxBytes: e.VOICE_RECORDING_MAX_BYTES, allowedTypes: ['audio/*'] },
    sendTimeoutMs: e.VOICE_SEND_TIMEOUT_MS,
    blobDir: e.VOICE_BLOB_DIR ?? blobDirOf(source),
    delivery: {
      maxAttempts: e.VOICE_DELIVERY_ATTEMPTS,
      initialBackoffMs: e.VOICE_DELIVERY_BACKOFF_MS,
      maxBackoffMs: e.VOICE_DELIVERY_MAX_BACKOFF_MS,
    },
    callStateTtlMs: e.VOICE_CALL_STATE_TTL_HOURS * 3_600_000,
  };
}

/** The settings of the number a webhook's `To` names: the tenant it belongs to. */
const deliverySchema = envSchema.pick({
  VOICE_DELIVERY_ATTEMPTS: true,
  VOICE_DELIVERY_BACKOFF_MS: true,
  VOICE_DELIVERY_MAX_BACKOFF_MS: true,
});

/**
 * Only the reply retry policy, which the outbound consumer needs when the module is built; the rest
 * is validated when the channel starts (so a deployment check can walk the module without Twilio
 * settings).
 */
export function loadVoiceDeliveryPolicy(
  source: Readonly<Record<string, string | undefined>>,
): VoiceChannelConfig['delivery'] {
  const env = deliverySchema.safeParse(source);
  if (!env.success) throw new VoiceConfigError(problemsOf(env.error));
  return {
    maxAttempts: env.data.VOICE_DELIVERY_ATTEMPTS,
    initialBackoffMs: env.data.VOICE_DELIVERY_BACKOFF_MS,
    maxBackoffMs: env.data.VOICE_DELIVERY_MAX_BACKOFF_MS,
  };
}

/** Whether the environment configures any number: the embedded server runs the channel only then. */
export function voiceNumbersConfigured(source: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(source['VOICE_NUMBERS_JSON']?.trim() || source['VOICE_NUMBERS_FILE']?.trim());
}

export function numberSettingsOf(config: VoiceChannelConfig, to: string): VoiceNumberSettings | undefined {
  return config.numbers.find((n) => n.number === to);
}

export type { IvrSettings };
