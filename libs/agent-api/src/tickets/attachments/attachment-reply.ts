import type { FastifyReply } from 'fastify';
import type { AttachmentDownload } from './download-attachment.use-case';

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so 发票.pdf keeps its name. */
function dispositionOf(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Always a download with a type a browser will not run, whatever the sender claimed it was. */
export function replyWithAttachment(reply: FastifyReply, file: AttachmentDownload): Buffer {
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', dispositionOf(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  return file.content;
}
