import type { BlobReader } from '@switchboard/blobs';
import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { Agent } from '../../agents/agent.repository';
import type { TicketReadRepository } from '../ticket-read.repository';
import { ticketVisibilityOf } from '../ticket-visibility';
import type { DownloadAttachmentParams } from './download-attachment.query';

export interface AttachmentDownload {
  readonly name: string;
  /** A type a browser cannot run: HTML, SVG, XML and unknown types become application/octet-stream. */
  readonly contentType: string;
  readonly content: Buffer;
}

const SAFE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

export function safeContentType(type: string | undefined): string {
  const bare = (type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SAFE_TYPES.has(bare)) return 'application/octet-stream';
  return bare.startsWith('text/') ? `${bare}; charset=utf-8` : bare;
}

/** An attachment of a message on a ticket the caller may see; anything else answers like a missing one. */
export class DownloadAttachmentUseCase {
  constructor(
    private readonly tickets: TicketReadRepository,
    private readonly blobs: BlobReader,
  ) {}

  async execute(caller: Agent, params: DownloadAttachmentParams): Promise<AttachmentDownload> {
    const missing = new AgentApiException(AgentApiExceptionCode.AttachmentNotFound, 'No such attachment.');
    const ticket = await this.tickets.findTicket(caller.tenantId, params.ref, ticketVisibilityOf(caller));
    if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
    const stored = await this.tickets.findAttachment(caller.tenantId, ticket.id, params.messageId, params.index);
    if (!stored?.storageRef) throw missing;
    const content = await this.blobs.read(stored.storageRef);
    if (!content) throw missing;
    return { name: stored.name ?? 'attachment', contentType: safeContentType(stored.contentType), content };
  }
}
