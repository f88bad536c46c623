import { TEST_ACCOUNT_SID, TEST_NUMBER } from '@switchboard/channel-voice/testing';
import type { Database } from '@switchboard/persistence';

/** What the voice e2e reads back from the ticket database: what an agent would see. */
export interface TicketRow {
  id: string;
  number: string;
  category: string | null;
  assignee_email: string | null;
}

export interface MessageRow {
  id: string;
  channel_message_id: string;
  body_text: string;
  attachments: { storageRef?: string; contentType?: string }[];
  metadata: Record<string, string>;
}

/** The ticket holding the message with this channel message id (its assignee, once routed). */
export async function ticketOfMessage(
  db: Database,
  channel: string,
  channelMessageId: string,
): Promise<TicketRow | undefined> {
  const rows = await db.query<TicketRow>(
    `SELECT t.id, t.number, t.category, a.email AS assignee_email FROM ticket_messages m
       JOIN tickets t ON t.id = m.ticket_id LEFT JOIN agents a ON a.id = t.assignee_id
      WHERE m.channel = $1 AND m.channel_message_id = $2`,
    [channel, channelMessageId],
  );
  return rows[0];
}

export const messagesWith = (db: Database, channel: string, channelMessageId: string): Promise<MessageRow[]> =>
  db.query<MessageRow>(
    `SELECT id, channel_message_id, body_text, attachments, metadata FROM ticket_messages
      WHERE channel = $1 AND channel_message_id = $2`,
    [channel, channelMessageId],
  );

/** A voice webhook's parameters as Twilio sends them for a call from `from` to the test number. */
export const callParams = (from: string, callSid: string, extra: Record<string, string> = {}) => ({
  CallSid: callSid,
  AccountSid: TEST_ACCOUNT_SID,
  From: from,
  To: TEST_NUMBER,
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
  ...extra,
});
