import type { MailboxRecord } from './mailbox-admin.repository';

export interface MailboxView {
  readonly id: string;
  readonly address: string;
  readonly displayName: string;
  readonly imap: { readonly host: string; readonly port: number; readonly secure: boolean };
  readonly smtp: { readonly host: string; readonly port: number; readonly secure: boolean };
  readonly username: string;
  /** null for a mailbox of the env/YAML configuration whose password is given inline there. */
  readonly passwordEnv: string | null;
  readonly folder: string;
  readonly language: string;
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const ENV_PREFIX = 'env:';

/** A mailbox as the API answers it: the secret reference becomes the variable's name, never a secret. */
export function toMailboxView(row: MailboxRecord): MailboxView {
  return {
    id: row.id,
    address: row.address,
    displayName: row.display_name,
    imap: { host: row.imap_host, port: row.imap_port, secure: row.imap_secure },
    smtp: { host: row.smtp_host, port: row.smtp_port, secure: row.smtp_secure },
    username: row.username,
    passwordEnv: row.secret_ref.startsWith(ENV_PREFIX) ? row.secret_ref.slice(ENV_PREFIX.length) : null,
    folder: row.folder,
    language: row.language,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
