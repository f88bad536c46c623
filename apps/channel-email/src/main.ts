import { runService, stopAll, type Stoppable } from '@switchboard/bootstrap';
import { createPgSqlClient, loadEmailChannelConfig, startEmailChannel } from '@switchboard/channel-email';
import { allTopics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { createTransport } from '@switchboard/messaging';

/**
 * channel-email: support mailboxes (IMAP IDLE) → inbound.messages.v1; outbound.email.v1 → SMTP;
 * bounces → outbound.status.v1. Distributed mode only: it uses its own email_* tables, which the
 * ticket service's migrations create, through a small pool of its own.
 */
runService('channel-email', async (config) => {
  const emailConfig = loadEmailChannelConfig(process.env);
  if (!config.database.url) throw new Error('channel-email needs DATABASE_URL (the distributed mode)');
  const services: Stoppable[] = [];
  const db = createPgSqlClient(config.database.url);
  services.push({ stop: () => db.close() });
  const transport = createTransport(config, 'channel-email');
  await transport.ensureTopics(allTopics());
  services.push({ stop: () => transport.close() });
  const email = await startEmailChannel({ db, transport, config: emailConfig, env: process.env });
  services.push(email);
  createLogger('channel-email').info({ mailboxes: email.mailboxes.length }, 'channel-email ready');
  return { stop: () => stopAll(services) };
});
