import { newId } from '@switchboard/ids';
import { Topics, encodeInboundMessage } from '@switchboard/contracts';
import type { Transport } from '@switchboard/messaging';
import type { Database } from '@switchboard/persistence';
import { factory } from '@switchboard/testing';

/** Raw Kafka ceiling: the same encoded InboundMessages, the same client, batches of `batch`, acks=all. */
export async function kafkaProduceCeiling(transport: Transport, count: number, batch: number): Promise<number> {
  const records = Array.from({ length: count }, () => {
    const m = factory.inboundMessage({ tenant: 'demo' });
    return { key: m.conversationKey, value: encodeInboundMessage(m) };
  });
  const topic = `bench-ceiling.${Topics.inboundMessages}`;
  await transport.ensureTopics([topic]);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < records.length; i += batch) {
    inFlight.push(transport.publish(topic, records.slice(i, i + batch)));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return performance.now() - started;
}

/**
 * Raw Postgres ceiling: insert the same ticket rows the pipeline writes (customer, ticket, message,
 * audit event, outbox row per message), one transaction and one multi-row insert per table per batch.
 */
export async function postgresInsertCeiling(
  db: Database,
  tenantId: string,
  count: number,
  batch: number,
): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    const customers = Array.from({ length: n }, () => newId());
    const tickets = Array.from({ length: n }, () => newId());
    const numbers = tickets.map((_, i) => `CEIL-${done + i}`);
    const tenants = tickets.map(() => tenantId);
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO customers (id, tenant_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
        customers,
        tenants,
      ]);
      await tx.query(
        `INSERT INTO tickets (id, tenant_id, number, customer_id, channel, subject, conversation_key)
         SELECT u.id, u.tenant_id, u.number, u.customer_id, 'web', 'Order 1042 arrived damaged', u.id::text
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[]) AS u(id, tenant_id, number, customer_id)`,
        [tickets, tenants, numbers, customers],
      );
      await tx.query(
        `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, received_at)
         SELECT gen_random_uuid(), u.tenant_id, u.id, 'inbound', 'web', u.id::text, 'The box was crushed.', now()
         FROM unnest($1::uuid[], $2::uuid[]) AS u(id, tenant_id)`,
        [tickets, tenants],
      );
      await tx.query(
        `INSERT INTO ticket_events (id, tenant_id, ticket_id, type, actor_kind)
         SELECT gen_random_uuid(), u.tenant_id, u.id, 'created', 'customer' FROM unnest($1::uuid[], $2::uuid[]) AS u(id, tenant_id)`,
        [tickets, tenants],
      );
      await tx.query(
        `INSERT INTO outbox (tenant_id, topic, key, payload) SELECT u.tenant_id, 'ceiling', u.id::text, '\\x00'::bytea
         FROM unnest($1::uuid[], $2::uuid[]) AS u(id, tenant_id)`,
        [tickets, tenants],
      );
    });
  }
  const elapsed = performance.now() - started;
  await db.query(`DELETE FROM outbox WHERE topic = 'ceiling'`);
  return elapsed;
}
