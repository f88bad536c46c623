import { channelName, decodeInboundMessage, type InboundMessage } from '@switchboard/contracts';
import {
  classifyFailure,
  type BatchAttempt,
  type BatchResult,
  type IncomingRecord,
  type Rejection,
} from '@switchboard/messaging';
import type {
  IngestInboundMessagesCommand,
  IngestOutcome,
  RefusedInboundMessage,
} from './ingest-inbound-messages.command';
import type { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';
import { InboundMessageException, InboundMessageExceptionCode } from './inbound-message.exception';
import { validateInboundMessage, type ValidInboundMessage } from './inbound-message.validation';

/** What the ingest consumer counts: messages by channel and outcome (the Metrics class implements it). */
export interface IngestTally {
  messagesIngested(channel: string, outcome: IngestOutcome['kind'], count: number): void;
}

/** The channel label of a record whose InboundMessage could not be read. */
const UNKNOWN_CHANNEL = 'unknown';

interface DecodedBatch {
  readonly command: IngestInboundMessagesCommand;
  readonly rejected: Rejection[];
  readonly byMessageId: ReadonlyMap<string, { record: IncomingRecord; channel: string }>;
}

function decode(record: IncomingRecord): InboundMessage | InboundMessageException {
  try {
    return decodeInboundMessage(record.value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new InboundMessageException(
      InboundMessageExceptionCode.Undecodable,
      `undecodable InboundMessage: ${reason}`,
    );
  }
}

/** Decodes and validates at the edge: refused records go to the DLQ with their reason, the sender gets a receipt. */
function decodeBatch(records: readonly IncomingRecord[]): DecodedBatch {
  const messages: ValidInboundMessage[] = [];
  const refused: RefusedInboundMessage[] = [];
  const rejected: Rejection[] = [];
  const byMessageId = new Map<string, { record: IncomingRecord; channel: string }>();
  for (const record of records) {
    const decoded = decode(record);
    if (decoded instanceof InboundMessageException) {
      rejected.push({ record, error: decoded });
      continue;
    }
    byMessageId.set(decoded.messageId, { record, channel: channelName(decoded.channel) ?? UNKNOWN_CHANNEL });
    try {
      messages.push(validateInboundMessage(decoded));
    } catch (error) {
      if (!(error instanceof InboundMessageException)) throw error;
      rejected.push({ record, error });
      refused.push({
        messageId: decoded.messageId,
        tenantSlug: decoded.tenant,
        channelMessageId: decoded.channelMessageId,
        reason: 'invalid_message',
        detail: error.problems.join('; '),
        ...(channelName(decoded.channel) ? { channel: channelName(decoded.channel) } : {}),
      });
    }
  }
  return { command: { messages, refused }, rejected, byMessageId };
}

function tally(metrics: IngestTally, batch: DecodedBatch, outcomes: readonly IngestOutcome[]): void {
  const counts = new Map<string, { channel: string; kind: IngestOutcome['kind']; n: number }>();
  const count = (channel: string, kind: IngestOutcome['kind']): void => {
    const key = `${channel}\u0000${kind}`;
    const entry = counts.get(key) ?? { channel, kind, n: 0 };
    counts.set(key, { ...entry, n: entry.n + 1 });
  };
  const undecodable = batch.rejected.length - batch.command.refused.length;
  for (let i = 0; i < undecodable; i++) count(UNKNOWN_CHANNEL, 'rejected');
  for (const outcome of outcomes)
    count(batch.byMessageId.get(outcome.messageId)?.channel ?? UNKNOWN_CHANNEL, outcome.kind);
  for (const { channel, kind, n } of counts.values()) metrics.messagesIngested(channel, kind, n);
}

/** Why a message that failed alone was refused: the database refused its content, or something unforeseen. */
function refusalReasonOf(error: unknown, attempt: BatchAttempt): 'storage_refused' | 'processing_failed' | undefined {
  const failure = classifyFailure(error);
  if (failure === 'permanent') return 'storage_refused';
  // An unknown failure (most likely a bug) is retried; only the call after which it would be given up refuses.
  if (failure === 'unknown' && attempt.final) return 'processing_failed';
  return undefined;
}

/**
 * After a batch fails, the retry loop hands each record over alone. A message that fails alone for good
 * (the database refuses its content, or an unknown failure used up its attempts) is refused with a
 * receipt, so its sender learns what became of it instead of waiting for a ticket number that never
 * comes; then it is dead-lettered with the reason. Transient failures are always rethrown: retried.
 */
async function refuseAlone(
  useCase: IngestInboundMessagesUseCase,
  batch: DecodedBatch,
  error: unknown,
  attempt: BatchAttempt,
): Promise<IngestOutcome[]> {
  const [only, ...others] = batch.command.messages;
  const reason = refusalReasonOf(error, attempt);
  if (!only || others.length > 0 || batch.command.refused.length > 0 || !reason) throw error;
  const detail = error instanceof Error ? error.message.slice(0, 500) : String(error);
  return useCase.refuse(only, reason, detail);
}

/**
 * One `inbound.messages.v1` batch: decode and validate, ingest it in one transaction, dead-letter every
 * refused record with its reason, and count the outcomes by channel.
 */
export async function ingestInboundBatch(
  useCase: IngestInboundMessagesUseCase,
  records: readonly IncomingRecord[],
  metrics: IngestTally,
  attempt: BatchAttempt,
): Promise<BatchResult> {
  const batch = decodeBatch(records);
  const outcomes = await useCase
    .execute(batch.command)
    .catch((error: unknown) => refuseAlone(useCase, batch, error, attempt));
  tally(metrics, batch, outcomes);
  const rejected = [...batch.rejected];
  for (const outcome of outcomes) {
    if (outcome.kind !== 'rejected' || outcome.reason === 'invalid_message') continue;
    const entry = batch.byMessageId.get(outcome.messageId);
    if (entry) rejected.push({ record: entry.record, error: new Error(`${outcome.reason}: ${outcome.detail}`) });
  }
  return { rejected };
}
