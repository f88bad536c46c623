import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import {
  ChannelEmailModule,
  EMAIL_SQL_CLIENT,
  EMAIL_TENANT_DIRECTORY,
  EmailChannel,
  loadEmailChannelConfig,
  messageIdsIn,
  type EmailTenantDirectory,
} from '@switchboard/channel-email';
import {
  SmtpFaultProxy,
  deliverRaw,
  readInbox,
  testMailboxSettings,
  uniqueAddress,
  waitUntil,
} from '@switchboard/channel-email/testing';
import type { IntakeRecord, ProviderProbe, SourceDelivery } from '@switchboard/channel-sdk/testing';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { bootAppModule, createTestDatabase, testContext, type BootedApp } from '@switchboard/testing';
import { RecordingSqlClient } from './api-channel-harness';

/** Mails over this size are refused (EMAIL_MAX_MESSAGE_BYTES), so the suite's oversize mail stays small. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** The tenants' slugs and ids, fixed: the channel's statements never name `tenants` (the ticket service's). */
class FixedTenantDirectory implements EmailTenantDirectory {
  constructor(private readonly tenants: ReadonlyMap<string, string>) {}

  async idsOf(slugs: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return new Map([...this.tenants].filter(([slug]) => slugs.includes(slug)));
  }

  async slugsOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return new Map([...this.tenants].filter(([, id]) => ids.includes(id)).map(([slug, id]) => [id, slug]));
  }
}

@Module({})
class EmailChannelTestModule {
  static forRoot(
    transport: InProcessTransport,
    sql: RecordingSqlClient,
    tenants: EmailTenantDirectory,
    env: Record<string, string>,
  ): DynamicModule {
    return {
      module: EmailChannelTestModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('email-channel-test', { transport }),
        ChannelEmailModule.forRoot({
          sqlClient: { provide: EMAIL_SQL_CLIENT, useValue: sql },
          tenants: { provide: EMAIL_TENANT_DIRECTORY, useValue: tenants },
          channel: { config: loadEmailChannelConfig(env), env: {} },
        }),
      ],
    };
  }
}

export interface EmailChannelHarness {
  readonly app: BootedApp;
  readonly transport: InProcessTransport;
  readonly sql: RecordingSqlClient;
  readonly tenantSlug: string;
  /** The support mailbox the channel watches (GreenMail). */
  readonly mailbox: string;
  /** A customer's mailbox (GreenMail), where answers arrive. */
  readonly customer: string;
  readonly provider: ProviderProbe;
  /** Sends the delivery to the support mailbox over SMTP; answers what intake recorded once it read it. */
  receive(delivery: SourceDelivery): Promise<IntakeRecord>;
  close(): Promise<void>;
}

const sum = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The email channel alone (no ticket service) on a migrated test database: one support mailbox on
 * GreenMail, read over IMAP; answers leave through an SmtpFaultProxy in front of GreenMail's SMTP,
 * which the suite can make refuse (421).
 */
export async function startEmailChannelHarness(): Promise<EmailChannelHarness> {
  const testDb = await createTestDatabase('email_channel');
  const db: Database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  const tenant = await testContext(db).newTenant();
  const blobDir = await mkdtemp(join(tmpdir(), 'email-conformance-'));
  const proxy = await SmtpFaultProxy.start();
  const mailbox = uniqueAddress('support');
  const customer = uniqueAddress('mei', 'customer.test');
  const watched = testMailboxSettings(tenant.slug, mailbox);
  const settings = { ...watched, smtp: { ...watched.smtp, port: proxy.port } };
  const transport = new InProcessTransport();
  const sql = new RecordingSqlClient(db);
  const app = await bootAppModule(
    EmailChannelTestModule.forRoot(transport, sql, new FixedTenantDirectory(new Map([[tenant.slug, tenant.id]])), {
      EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [settings] }),
      EMAIL_BLOB_DIR: blobDir,
      EMAIL_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      EMAIL_SEND_MAX_ATTEMPTS: '3',
      EMAIL_SEND_BACKOFF_MS: '5',
      EMAIL_MAILBOX_REFRESH_MS: '600000',
    }),
  );
  const channel = app.app.get(EmailChannel);

  const receive = async (delivery: SourceDelivery): Promise<IntakeRecord> => {
    const before = channel.counters.snapshot();
    await deliverRaw(customer, mailbox, delivery.payload);
    await waitUntil(
      'the mail read by the channel',
      async () => {
        await channel.syncNow();
        return sum(channel.counters.snapshot()) > sum(before) ? true : undefined;
      },
      30_000,
    );
    // A sync the mail's IDLE push started may still be publishing: wait for it too.
    await channel.syncNow();
    const after = channel.counters.snapshot();
    const moved = Object.keys(after).filter((k) => (after[k] ?? 0) > (before[k] ?? 0));
    if (moved.includes('rejected')) {
      const head = Buffer.from(delivery.payload)
        .subarray(0, 64 * 1024)
        .toString('utf8');
      const messageId = messageIdsIn(/^Message-ID:[ \t]*(.*)$/im.exec(head)?.[1] ?? '')[0] ?? '';
      const [row] = await db.query<{ reason: string; detail: string }>(
        `SELECT reason, detail FROM email_rejected_mails WHERE tenant_id = $1 AND message_id = $2`,
        [tenant.id, messageId],
      );
      return { outcome: 'rejected', reason: row?.reason ?? '', detail: row?.detail ?? '' };
    }
    if (moved.includes('published')) return { outcome: 'published' };
    if (moved.some((k) => k === 'bounce_matched' || k === 'bounce_delayed')) return { outcome: 'reported' };
    return { outcome: 'ignored', reason: moved.join(',') };
  };

  const provider: ProviderProbe = {
    // The customer's inbox, each mail matched to its OutboundMessage by the Message-ID index.
    received: async () => {
      const mails = await readInbox(customer);
      const sent = await db.query<{ message_id: string; outbound_message_id: string }>(
        `SELECT message_id, outbound_message_id FROM email_messages WHERE tenant_id = $1 AND direction = 'outbound'`,
        [tenant.id],
      );
      const byMessageId = new Map(sent.map((r) => [r.message_id, r.outbound_message_id]));
      return mails.map((m) => ({
        messageId: byMessageId.get(m.parsed.messageId ?? '') ?? '',
        // The transfer encoding ends the body with a line break the sender did not write.
        text: m.parsed.text.replace(/\r?\n$/, ''),
      }));
    },
    attempts: () => proxy.connections(),
    failWith: (code) => proxy.failWith(code),
  };

  return {
    app,
    transport,
    sql,
    tenantSlug: tenant.slug,
    mailbox,
    customer,
    provider,
    receive,
    close: async () => {
      await app.close();
      await transport.close();
      await proxy.close();
      await db.close();
      await testDb.drop();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}
