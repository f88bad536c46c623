import { BusRecorder, eventually } from '@switchboard/channel-sdk/testing';
import { DeliveryReport_Status, Topics } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { WechatMessageCrypto } from '../crypto/wechat-message-crypto';
import { wechatSignature } from '../crypto/wechat-signature.util';
import { WechatDeliveryReports } from './outbound/wechat-delivery-reports';
import { oaTextXml, signedKfCallback, signedOaRequest } from '../testing/signed-callbacks';
import { TEST_KF, TEST_OA, WechatChannelHarness } from '../testing/wechat-channel.harness';
import { createLogger } from '@switchboard/logger';
import { readLocalBlob } from '@switchboard/blobs';
import { createHash } from 'node:crypto';

const seconds = (at = new Date()): string => String(Math.floor(at.getTime() / 1000));

/** The server URLs over real HTTP requests with real signatures, beyond what the SDK's suite covers. */
describe('WeChat server URLs', () => {
  let h: WechatChannelHarness;
  let bus: BusRecorder;

  beforeAll(async () => {
    h = await WechatChannelHarness.start();
    bus = await BusRecorder.start(h.transport, Topics.outboundWechat);
  });
  afterAll(async () => {
    await bus.stop();
    await h.close();
  });

  it('answers the Official Account URL check with echostr only when signed and fresh', async () => {
    const timestamp = seconds();
    const signature = wechatSignature(TEST_OA.token, timestamp, 'n1');
    const ok = await h.app.inject({
      method: 'GET',
      url: `/wechat/oa/${TEST_OA.id}?signature=${signature}&timestamp=${timestamp}&nonce=n1&echostr=echo-123`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('echo-123');
    const forged = await h.app.inject({
      method: 'GET',
      url: `/wechat/oa/${TEST_OA.id}?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=n1&echostr=echo-123`,
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json<{ error: { code: string } }>().error.code).toBe('wechat_signature_invalid');
    const old = seconds(new Date(Date.now() - 600_000));
    const stale = await h.app.inject({
      method: 'GET',
      url: `/wechat/oa/${TEST_OA.id}?signature=${wechatSignature(TEST_OA.token, old, 'n1')}&timestamp=${old}&nonce=n1&echostr=e`,
    });
    expect(stale.statusCode).toBe(401);
    const unknown = await h.app.inject({
      method: 'GET',
      url: `/wechat/oa/nobody?signature=${signature}&timestamp=${timestamp}&nonce=n1&echostr=echo-123`,
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('answers the WeCom URL check with the decrypted echostr', async () => {
    const timestamp = seconds();
    const sealed = new WechatMessageCrypto(TEST_KF.token, TEST_KF.encodingAesKey, TEST_KF.corpId).seal(
      '回声-42',
      timestamp,
      'n2',
    );
    const query = new URLSearchParams({
      msg_signature: sealed.msgSignature,
      timestamp,
      nonce: 'n2',
      echostr: sealed.encrypt,
    });
    const ok = await h.app.inject({ method: 'GET', url: `/wechat/kf/${TEST_KF.id}?${query.toString()}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('回声-42');
    query.set('msg_signature', '0'.repeat(40));
    expect(
      (await h.app.inject({ method: 'GET', url: `/wechat/kf/${TEST_KF.id}?${query.toString()}` })).statusCode,
    ).toBe(401);
  });

  it('refuses a plain body on a safe-mode account (no downgrade) and publishes nothing', async () => {
    const id = `plain-${newId()}`;
    const plain = signedOaRequest(TEST_OA, oaTextXml(TEST_OA, 'o-plain', 'hello', id), { encrypted: false });
    const res = await h.app.inject(plain);
    expect(res.statusCode).toBe(401);
    expect(bus.inboundWith(id)).toHaveLength(0);
  });

  it('acknowledges a subscribe event without a ticket, and publishes a text without self-service as a message', async () => {
    const at = new Date();
    const subscribe = signedOaRequest(TEST_OA, {
      ToUserName: TEST_OA.originalId,
      FromUserName: 'o-sub',
      CreateTime: { raw: Math.floor(at.getTime() / 1000) },
      MsgType: 'event',
      Event: 'subscribe',
    });
    const res = await h.app.inject(subscribe);
    expect(res.body).toBe('success');
    const id = `q-${newId()}`;
    // No self-service domain is bound in this module: 查询 goes to the ticket like any text.
    expect((await h.app.inject(signedOaRequest(TEST_OA, oaTextXml(TEST_OA, 'o-sub', '查询', id)))).body).toBe(
      'success',
    );
    await eventually(() => bus.inboundWith(id).length === 1, 'the text on inbound.messages.v1');
    expect(bus.inbound.some((m) => m.customer?.wechatOpenid === 'o-sub' && m.bodyText !== '查询')).toBe(false);
  });

  it('fetches an image into the blob store before publishing; a media id it cannot fetch keeps its reference', async () => {
    const photo = Buffer.from('\x89PNG fake bytes of the broken heater');
    h.api.putMedia('media-heater', photo, 'image/png');
    const image = (msgId: string, mediaId: string) =>
      signedOaRequest(TEST_OA, {
        ToUserName: TEST_OA.originalId,
        FromUserName: 'o-photo',
        CreateTime: { raw: Math.floor(Date.now() / 1000) },
        MsgType: 'image',
        PicUrl: 'http://mmbiz.qpic.cn/x',
        MediaId: mediaId,
        MsgId: msgId,
      });
    const id = `img-${newId()}`;
    expect((await h.app.inject(image(id, 'media-heater'))).body).toBe('success');
    await eventually(() => bus.inboundWith(id).length === 1, 'the image message');
    const [attachment] = bus.inboundWith(id)[0]?.attachments ?? [];
    expect(attachment?.sha256).toBe(createHash('sha256').update(photo).digest('hex'));
    expect(attachment?.sizeBytes).toBe(BigInt(photo.length));
    expect(attachment?.contentType).toBe('image/png');
    expect(await readLocalBlob(h.blobDir, attachment?.storageRef ?? '')).toEqual(photo);

    const lost = `img-${newId()}`;
    expect((await h.app.inject(image(lost, 'media-expired'))).body).toBe('success');
    await eventually(() => bus.inboundWith(lost).length === 1, 'the image message without its file');
    const message = bus.inboundWith(lost)[0];
    expect(message?.attachments[0]?.storageRef).toBe(`wechat-media:oa/${TEST_OA.appId}/media-expired`);
    expect(message?.metadata['wechat_media_error']).toMatch(/40007/);
  });

  it('turns TEMPLATESENDJOBFINISH about a reply we sent into its delivery report', async () => {
    const reports = new WechatDeliveryReports(h.store, h.transport, createLogger('test'));
    const messageId = newId();
    const ticketId = newId();
    await reports.remember('acme', '200042', { messageId, ticketId });
    const finished = signedOaRequest(TEST_OA, {
      ToUserName: TEST_OA.originalId,
      FromUserName: 'o-tmpl',
      CreateTime: { raw: Math.floor(Date.now() / 1000) },
      MsgType: 'event',
      Event: 'TEMPLATESENDJOBFINISH',
      MsgID: '200042',
      Status: 'success',
    });
    expect((await h.app.inject(finished)).body).toBe('success');
    await eventually(
      () => bus.reports.some((r) => r.messageId === messageId && r.status === DeliveryReport_Status.DELIVERED),
      'the DELIVERED report',
    );
  });

  it('acknowledges a kf callback at once and publishes what sync_msg returns, page by page, once', async () => {
    const msgids = [`k1-${newId()}`, `k2-${newId()}`];
    h.api.queueKfMessages(
      'wk-pages',
      msgids.map((msgid) => ({
        msgid,
        open_kfid: 'wk-pages',
        external_userid: 'wm-pages',
        send_time: Math.floor(Date.now() / 1000),
        origin: 3,
        msgtype: 'text',
        text: { content: `你好 ${msgid}` },
      })),
    );
    const first = await h.app.inject(signedKfCallback(TEST_KF, 'wk-pages', 'sync-1'));
    expect(first.body).toBe('success');
    await eventually(() => msgids.every((id) => bus.inboundWith(id).length === 1), 'both kf messages');
    // A second callback resumes from the stored cursor: nothing is published twice.
    expect((await h.app.inject(signedKfCallback(TEST_KF, 'wk-pages', 'sync-2'))).body).toBe('success');
    await eventually(() => h.api.callsTo('/cgi-bin/kf/sync_msg').length >= 2, 'the second sync_msg');
    const second = h.api.callsTo('/cgi-bin/kf/sync_msg').at(-1)?.body as { cursor?: string; token?: string };
    expect(second).toMatchObject({ cursor: 'c2', token: 'sync-2' });
    for (const id of msgids) expect(bus.inboundWith(id)).toHaveLength(1);
  });
});
