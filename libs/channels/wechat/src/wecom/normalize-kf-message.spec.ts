import { parseWechatMediaRef } from '../media-ref';
import { KfSyncItemSchema } from './kf-message';
import { normalizeKfMessage } from './normalize-kf-message';

const ctx = {
  tenant: 'acme',
  accountId: 'kf-1',
  corpId: 'ww1',
  messageId: 'm',
  receivedAt: new Date('2026-12-02T00:00:00Z'),
};
const item = (fields: Record<string, unknown>) =>
  KfSyncItemSchema.parse({
    msgid: 'id1',
    open_kfid: 'wk1',
    external_userid: 'wmUser',
    send_time: 1764662400,
    origin: 3,
    ...fields,
  });

describe('normalizeKfMessage', () => {
  it('maps a customer text to a contact on the kf conversation with the external_userid as verified identity', () => {
    const { inbound, disposition, interaction } = normalizeKfMessage(
      item({ msgtype: 'text', text: { content: '进度 SB-000042' } }),
      ctx,
    );
    expect(disposition).toEqual({ kind: 'contact' });
    expect(interaction?.kind).toBe('message');
    expect(inbound.conversationKey).toBe('wechat:kf:ww1:wk1:wmUser');
    expect(inbound.channelMessageId).toBe('kf:ww1:msg:id1');
    expect(inbound.customer).toMatchObject({ wechatOpenid: 'wmUser', verified: ['wechat_openid'] });
    expect(inbound.metadata['wechat_external_userid']).toBe('wmUser');
  });

  it('keeps media as references, reports a failed send, treats servicer messages and other events as noise', () => {
    const image = normalizeKfMessage(item({ msgtype: 'image', image: { media_id: 'MEDIA' } }), ctx).inbound;
    expect(parseWechatMediaRef(image.attachments[0]?.storageRef ?? '')).toEqual({
      api: 'kf',
      ownerId: 'ww1',
      mediaId: 'MEDIA',
    });
    const failed = normalizeKfMessage(
      item({ origin: 4, msgtype: 'event', event: { event_type: 'msg_send_fail', fail_msgid: 'out-1', fail_type: 4 } }),
      ctx,
    );
    expect(failed.disposition).toEqual({
      kind: 'delivery_report',
      providerMessageId: 'out-1',
      delivered: false,
      detail: 'fail_type 4',
    });
    expect(failed.interaction).toBeUndefined();
    const servicer = normalizeKfMessage(
      item({ origin: 5, servicer_userid: 'alice', msgtype: 'text', text: { content: 'hi' } }),
      ctx,
    );
    expect(servicer.disposition).toEqual({ kind: 'noise', reason: 'servicer_message' });
    const enter = normalizeKfMessage(
      item({ origin: 4, msgtype: 'event', event: { event_type: 'enter_session', scene: 'qr' } }),
      ctx,
    );
    expect(enter.disposition).toEqual({ kind: 'noise', reason: 'kf_event:enter_session' });
  });

  it('turns an unknown msgtype into the unsupported-content note', () => {
    const { inbound, disposition } = normalizeKfMessage(item({ msgtype: 'channels_shop_product' }), ctx);
    expect(disposition).toEqual({ kind: 'contact' });
    expect(inbound.bodyText).toContain('Unsupported WeChat content: channels_shop_product');
  });
});
