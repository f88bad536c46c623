import { z } from 'zod';

/**
 * The admin API's mailbox input. It mirrors the channel's configuration schema (channel-email's
 * email-channel.config.ts), which agent-api may not import, with one difference: the API never takes a
 * password, only the name of the environment variable that holds it on the channel-email host.
 */
const endpointSchema = z.object({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65_535),
  secure: z.boolean().default(false),
});

export const PASSWORD_REFUSED =
  'The API does not take passwords: set it in an environment variable of the channel-email host and send its name as passwordEnv.';

export const mailboxInputSchema = z.object({
  address: z.email().transform((a) => a.toLowerCase()),
  displayName: z.string().max(200).default(''),
  imap: endpointSchema,
  smtp: endpointSchema,
  username: z.string().min(1),
  passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name (A-Z, 0-9, _)'),
  // Present only to refuse it with a clear reason; a secret is never stored.
  password: z
    .custom<undefined>((value) => value === undefined, {
      message: PASSWORD_REFUSED,
      params: { reason: 'use_password_env' },
    })
    .optional(),
  folder: z.string().min(1).default('INBOX'),
  language: z.enum(['en', 'zh-CN']).default('en'),
});

export type MailboxInput = Omit<z.output<typeof mailboxInputSchema>, 'password'>;

/** /api/v1/email/mailboxes/:id path. */
export const mailboxParamsSchema = z.object({ id: z.uuid().transform((id) => id.toLowerCase()) });
