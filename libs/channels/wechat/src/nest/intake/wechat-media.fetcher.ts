import type { BlobStore } from '@switchboard/blobs';
import { AttachmentSchema, create, type Attachment, type InboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { OfficialAccountApi } from '../../api/official-account.api';
import type { BinaryResult } from '../../api/wechat-http.client';
import { parseWechatMediaRef, type WechatMediaRef } from '../../media-ref';
import type { KfApi } from '../../wecom/kf.api';
import { oaCredentialOf, wecomCredentialOf, type WechatAccounts } from '../config/wechat-accounts';

/**
 * Fetches a message's WeChat media (image, voice, video, file) through the media endpoint into the blob
 * store before it is published: OA media ids expire after 3 days, long before an agent may open the
 * ticket. A file that cannot be fetched (expired, too large, the API down) keeps its `wechat-media:`
 * reference and the reason in metadata: the message itself is never held back for its media.
 */
export class WechatMediaFetcher {
  constructor(
    private readonly accounts: WechatAccounts,
    private readonly oa: OfficialAccountApi,
    private readonly kf: KfApi,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
  ) {}

  async fetch(message: InboundMessage): Promise<InboundMessage> {
    if (!message.attachments.some((a) => parseWechatMediaRef(a.storageRef))) return message;
    const problems: string[] = [];
    const attachments: Attachment[] = [];
    for (const attachment of message.attachments) {
      const ref = parseWechatMediaRef(attachment.storageRef);
      if (!ref) {
        attachments.push(attachment);
        continue;
      }
      try {
        attachments.push(await this.stored(message.tenant, ref, attachment));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.log.warn({ tenant: message.tenant, messageId: message.messageId, reason }, 'WeChat media not fetched');
        problems.push(`${attachment.name}: ${reason}`.slice(0, 300));
        attachments.push(attachment);
      }
    }
    const metadata =
      problems.length > 0 ? { ...message.metadata, wechat_media_error: problems.join('; ') } : message.metadata;
    return { ...message, attachments, metadata };
  }

  private async stored(tenant: string, ref: WechatMediaRef, attachment: Attachment): Promise<Attachment> {
    const file = await this.download(tenant, ref);
    const blob = await this.blobs.put(file.content);
    return create(AttachmentSchema, {
      ...attachment,
      contentType: file.contentType || attachment.contentType,
      sizeBytes: BigInt(blob.sizeBytes),
      sha256: blob.sha256,
      storageRef: blob.storageRef,
    });
  }

  private download(tenant: string, ref: WechatMediaRef): Promise<BinaryResult> {
    if (ref.api === 'oa') {
      const account = this.accounts.oaByAppId(tenant, ref.ownerId);
      if (!account) throw new Error('no Official Account for this media');
      return this.oa.downloadMedia(oaCredentialOf(account), ref.mediaId);
    }
    if (ref.api === 'kf') {
      const account = this.accounts.kfByCorpId(tenant, ref.ownerId);
      if (!account) throw new Error('no WeCom account for this media');
      return this.kf.downloadMedia(wecomCredentialOf(account), ref.mediaId);
    }
    throw new Error('bot media are read by the bot');
  }
}
