import { blobDirOf } from '@switchboard/blobs';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const endpoint = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  secure: z.boolean().default(false),
});

const mailboxSchema = z
  .object({
    tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a tenant slug'),
    address: z.email().transform((a) => a.toLowerCase()),
    displayName: z.string().default(''),
    imap: endpoint,
    smtp: endpoint,
    username: z.string().min(1),
    /** The password itself (development), or the name of the env variable holding it (production). */
    password: z.string().optional(),
    passwordEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
    folder: z.string().min(1).default('INBOX'),
    language: z.enum(['en', 'zh-CN']).default('en'),
  })
  .refine((m) => (m.password === undefined) !== (m.passwordEnv === undefined), {
    message: 'set exactly one of password and passwordEnv',
    path: ['password'],
  });

export type MailboxSettings = z.infer<typeof mailboxSchema>;

const envSchema = z.object({
  EMAIL_MAILBOXES_FILE: z.string().optional(),
  EMAIL_MAILBOXES_JSON: z.string().optional(),
  EMAIL_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  EMAIL_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  EMAIL_FETCH_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  EMAIL_AUTO_ACK_PER_SENDER_PER_HOUR: z.coerce.number().int().min(0).default(3),
  EMAIL_AUTO_ACK_PER_DOMAIN_PER_HOUR: z.coerce.number().int().min(0).default(30),
  EMAIL_MAX_BODY_CHARS: z.coerce.number().int().min(1_000).max(1_000_000).default(200_000),
  EMAIL_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  EMAIL_SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  EMAIL_SEND_BACKOFF_MS: z.coerce.number().int().min(1).default(500),
  EMAIL_MAILBOX_REFRESH_MS: z.coerce.number().int().positive().default(30_000),
});

export interface EmailChannelConfig {
  readonly mailboxes: readonly MailboxSettings[];
  readonly blobDir: string;
  readonly maxAttachmentBytes: number;
  /** Used only on servers without IMAP IDLE. */
  readonly pollIntervalMs: number;
  readonly fetchBatchSize: number;
  readonly autoAckPerSenderPerHour: number;
  /** Acknowledgements per sender domain and hour: one misbehaving domain cannot make us a mail cannon. */
  readonly autoAckPerDomainPerHour: number;
  /** Longer text bodies are cut with a visible note; the raw original stays in the blob store. */
  readonly maxBodyChars: number;
  /** Larger raw messages are not read: they go to the rejected-mail list (and stay in the mailbox). */
  readonly maxMessageBytes: number;
  readonly sendMaxAttempts: number;
  /** The first retry's backoff; each next one doubles it (with jitter, capped at 30 s). */
  readonly sendBackoffMs: number;
  /** How often mailboxes added, changed or disabled through the admin API are picked up. */
  readonly mailboxRefreshMs: number;
}

export class EmailConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid email channel configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'EmailConfigError';
  }
}

function problemsOf(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`);
}

function mailboxSource(env: z.infer<typeof envSchema>): unknown {
  if (env.EMAIL_MAILBOXES_JSON) return JSON.parse(env.EMAIL_MAILBOXES_JSON) as unknown;
  if (!env.EMAIL_MAILBOXES_FILE) return { mailboxes: [] };
  return parseYaml(readFileSync(env.EMAIL_MAILBOXES_FILE, 'utf8')) as unknown;
}

/**
 * Reads the email channel's settings once at start-up: mailboxes from `EMAIL_MAILBOXES_JSON` or the
 * YAML/JSON file `EMAIL_MAILBOXES_FILE` (`mailboxes: [...]`), the rest from env. Every problem is listed.
 */
export function loadEmailChannelConfig(source: Readonly<Record<string, string | undefined>>): EmailChannelConfig {
  const env = envSchema.safeParse(source);
  if (!env.success) throw new EmailConfigError(problemsOf(env.error, ''));
  let raw: unknown;
  try {
    raw = mailboxSource(env.data);
  } catch (error) {
    throw new EmailConfigError([`mailboxes: cannot read (${error instanceof Error ? error.message : String(error)})`]);
  }
  const mailboxes = z.object({ mailboxes: z.array(mailboxSchema) }).safeParse(raw);
  if (!mailboxes.success) throw new EmailConfigError(problemsOf(mailboxes.error, ''));
  const missing = mailboxes.data.mailboxes
    .filter((m) => m.passwordEnv !== undefined && source[m.passwordEnv] === undefined)
    .map((m) => `mailboxes: ${m.address}: env ${m.passwordEnv ?? ''} is not set`);
  if (missing.length > 0) throw new EmailConfigError(missing);
  const e = env.data;
  return {
    mailboxes: mailboxes.data.mailboxes,
    // One reading of the shared store's root for every process (an empty value means the default).
    blobDir: blobDirOf(source),
    maxAttachmentBytes: e.EMAIL_MAX_ATTACHMENT_BYTES,
    pollIntervalMs: e.EMAIL_POLL_INTERVAL_MS,
    fetchBatchSize: e.EMAIL_FETCH_BATCH_SIZE,
    autoAckPerSenderPerHour: e.EMAIL_AUTO_ACK_PER_SENDER_PER_HOUR,
    autoAckPerDomainPerHour: e.EMAIL_AUTO_ACK_PER_DOMAIN_PER_HOUR,
    maxBodyChars: e.EMAIL_MAX_BODY_CHARS,
    maxMessageBytes: e.EMAIL_MAX_MESSAGE_BYTES,
    sendMaxAttempts: e.EMAIL_SEND_MAX_ATTEMPTS,
    sendBackoffMs: e.EMAIL_SEND_BACKOFF_MS,
    mailboxRefreshMs: e.EMAIL_MAILBOX_REFRESH_MS,
  };
}
