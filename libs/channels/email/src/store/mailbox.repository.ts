import { newId } from '@switchboard/ids';
import type { MailboxSettings } from '../config/email-channel.config';
import type { EmailTenantDirectory } from './email-tenant-directory';
import type { MailboxColumns } from './mailbox-columns';
import type { SqlClient } from './sql-client';

/** A support mailbox as intake and sending use it: settings plus its row id and tenant id. */
export interface Mailbox {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly settings: MailboxSettings;
  readonly password: string;
}

/** An enabled email_mailboxes row, of any tenant, as the channel's mailbox registry loads it. */
export interface MailboxRow extends MailboxColumns {
  readonly tenant_id: string;
  readonly tenant_slug: string;
}

export class UnknownMailboxTenantError extends Error {
  constructor(readonly tenant: string) {
    super(`mailbox configured for unknown tenant "${tenant}"`);
    this.name = 'UnknownMailboxTenantError';
  }
}

/**
 * Registers configured mailboxes in email_mailboxes (insert or update by tenant + address) so that
 * cursors and sent Message-IDs have a stable mailbox id. Secrets are never stored: the row keeps a
 * reference ("env:NAME", or "config" for a password given inline in development).
 */
export class MailboxRepository {
  constructor(
    private readonly db: SqlClient,
    private readonly tenants: EmailTenantDirectory,
  ) {}

  async register(settings: MailboxSettings, env: Readonly<Record<string, string | undefined>>): Promise<Mailbox> {
    const tenantId = (await this.tenants.idsOf([settings.tenant])).get(settings.tenant);
    if (tenantId === undefined) throw new UnknownMailboxTenantError(settings.tenant);
    const secretRef = settings.passwordEnv ? `env:${settings.passwordEnv}` : 'config';
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO email_mailboxes (id, tenant_id, address, display_name, imap_host, imap_port, imap_secure,
                                    smtp_host, smtp_port, smtp_secure, username, secret_ref, folder, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (tenant_id, address) DO UPDATE SET
         display_name = EXCLUDED.display_name, imap_host = EXCLUDED.imap_host, imap_port = EXCLUDED.imap_port,
         imap_secure = EXCLUDED.imap_secure, smtp_host = EXCLUDED.smtp_host, smtp_port = EXCLUDED.smtp_port,
         smtp_secure = EXCLUDED.smtp_secure, username = EXCLUDED.username, secret_ref = EXCLUDED.secret_ref,
         folder = EXCLUDED.folder, language = EXCLUDED.language, enabled = true, updated_at = now()
       RETURNING id`,
      [
        newId(),
        tenantId,
        settings.address,
        settings.displayName,
        settings.imap.host,
        settings.imap.port,
        settings.imap.secure,
        settings.smtp.host,
        settings.smtp.port,
        settings.smtp.secure,
        settings.username,
        secretRef,
        settings.folder,
        settings.language,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('mailbox upsert returned no row');
    const password = settings.passwordEnv ? (env[settings.passwordEnv] ?? '') : (settings.password ?? '');
    return { id, tenantId, tenantSlug: settings.tenant, settings, password };
  }

  /**
   * Every enabled mailbox of every tenant (the channel runs as the table owner, outside row-level
   * security), with its tenant's slug from the tenant directory: rows of an unknown tenant are left out.
   */
  async findEnabled(): Promise<MailboxRow[]> {
    const rows = await this.db.query<Omit<MailboxRow, 'tenant_slug'>>(
      `SELECT id, tenant_id, address, display_name, imap_host, imap_port, imap_secure, smtp_host, smtp_port,
              smtp_secure, username, secret_ref, folder, language
         FROM email_mailboxes
        WHERE enabled
        ORDER BY created_at, id`,
    );
    if (rows.length === 0) return [];
    const slugs = await this.tenants.slugsOf([...new Set(rows.map((row) => row.tenant_id))]);
    return rows.flatMap((row) => {
      const slug = slugs.get(row.tenant_id);
      return slug === undefined ? [] : [{ ...row, tenant_slug: slug }];
    });
  }
}
