import { Channel } from '@switchboard/contracts';
import { parseWechatMediaRef } from '../media-ref';
import { buildWechatXml, type XmlFields } from '../xml/build-xml';
import { parseWechatXml } from '../xml/safe-xml';
import { normalizeOaMessage } from './normalize-oa-message';
import { readOaMessage } from './oa-message';

const receivedAt = new Date('2026-12-02T08:00:00Z');
const ctx = { tenant: 'acme', accountId: 'acc-1', appId: 'wxapp1', messageId: '0190-uuid', receivedAt, mode: 'safe' };

const callback = (fields: XmlFields) =>
  normalizeOaMessage(
    readOaMessage(
      parseWechatXml(
        buildWechatXml({
          ToUserName: 'gh_acme',
          FromUserName: 'oCustomer',
          CreateTime: { raw: 1764662400 },
          ...fields,
        }),
      ),
    ),
    ctx,
  );

describe('normalizeOaMessage', () => {
  it('turns a text into a contact with a verified OpenID, the conversation key and MsgId as dedupe key', () => {
    const { inbound, disposition, interaction } = callback({
      MsgType: 'text',
      Content: '洗衣机漏水了 💧\n型号 XQG-100',
      MsgId: { raw: 23637352235060880n },
    });
    expect(disposition).toEqual({ kind: 'contact' });
    expect(interaction).toEqual({ kind: 'message', at: receivedAt });
    expect(inbound.channel).toBe(Channel.WECHAT);
    expect(inbound.channelMessageId).toBe('oa:wxapp1:msg:23637352235060880');
    expect(inbound.conversationKey).toBe('wechat:oa:wxapp1:oCustomer');
    expect(inbound.customer).toMatchObject({
      wechatOpenid: 'oCustomer',
      wechatUnionid: '',
      verified: ['wechat_openid'],
    });
    expect(inbound.bodyText).toBe('洗衣机漏水了 💧\n型号 XQG-100');
    expect(inbound.subject).toBe('洗衣机漏水了 💧');
    expect(inbound.metadata['wechat_create_time']).toBe('1764662400');
  });

  it('carries the UnionID when the platform sends one, and a quoted ticket number as hint', () => {
    const { inbound } = callback({
      MsgType: 'text',
      Content: '关于 SB-000123 的进展？',
      MsgId: { raw: 1 },
      UnionId: 'uUnion',
    });
    expect(inbound.customer).toMatchObject({ wechatUnionid: 'uUnion', verified: ['wechat_openid', 'wechat_unionid'] });
    expect(inbound.hints?.ticketNumber).toBe('SB-000123');
  });

  it('keeps media as references to fetch: image, voice with Recognition, video, shortvideo, file', () => {
    const image = callback({
      MsgType: 'image',
      PicUrl: 'http://mmbiz/pic',
      MediaId: 'm-img',
      MsgId: { raw: 2 },
    }).inbound;
    expect(image.attachments[0]).toMatchObject({ contentType: 'image/jpeg', sizeBytes: 0n });
    expect(parseWechatMediaRef(image.attachments[0]?.storageRef ?? '')).toEqual({
      api: 'oa',
      ownerId: 'wxapp1',
      mediaId: 'm-img',
    });

    const voice = callback({
      MsgType: 'voice',
      MediaId: 'm-v',
      Format: 'amr',
      Recognition: '明天上午可以上门吗',
      MsgId: { raw: 3 },
    });
    expect(voice.inbound.bodyText).toBe('明天上午可以上门吗');
    expect(voice.inbound.attachments[0]?.contentType).toBe('audio/amr');
    const silent = callback({ MsgType: 'voice', MediaId: 'm-v2', Format: 'speex', MsgId: { raw: 4 } }).inbound;
    expect(silent.bodyText).toBe('[voice / 语音]');
    expect(silent.attachments[0]?.contentType).toBe('audio/speex');

    for (const type of ['video', 'shortvideo']) {
      const video = callback({ MsgType: type, MediaId: 'm-vid', ThumbMediaId: 't', MsgId: { raw: 5 } }).inbound;
      expect(video.attachments[0]?.contentType).toBe('video/mp4');
      expect(video.metadata['wechat_msg_type']).toBe(type);
    }
    const file = callback({
      MsgType: 'file',
      Title: '发票.pdf',
      FileKey: 'fk1',
      FileTotalLen: { raw: 1024 },
      MsgId: { raw: 6 },
    });
    expect(file.inbound.attachments[0]?.name).toBe('发票.pdf');
  });

  it('describes a location and a link in the body', () => {
    const location = callback({
      MsgType: 'location',
      Location_X: '31.2304',
      Location_Y: '121.4737',
      Scale: '15',
      Label: '上海市黄浦区',
      MsgId: { raw: 7 },
    }).inbound;
    expect(location.bodyText).toBe('[location / 位置] 上海市黄浦区 (31.2304, 121.4737)');
    const link = callback({
      MsgType: 'link',
      Title: '说明书',
      Description: '第 3 页',
      Url: 'https://x.test/m',
      MsgId: { raw: 8 },
    });
    expect(link.inbound.bodyText).toBe('说明书\n第 3 页\nhttps://x.test/m');
  });

  it('classifies events: subscribe with scene, unsubscribe, SCAN, CLICK, VIEW, TEMPLATESENDJOBFINISH', () => {
    const subscribe = callback({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_store42', Ticket: 'tk' });
    expect(subscribe.disposition).toEqual({ kind: 'noise', reason: 'subscribe' });
    expect(subscribe.interaction?.kind).toBe('subscribe');
    expect(subscribe.inbound.metadata['wechat_scene']).toBe('store42');
    expect(subscribe.inbound.channelMessageId).toBe('oa:wxapp1:evt:oCustomer:1764662400');

    const unsubscribe = callback({ MsgType: 'event', Event: 'unsubscribe' });
    expect(unsubscribe.disposition).toEqual({ kind: 'noise', reason: 'unsubscribe' });
    expect(unsubscribe.interaction).toBeUndefined();

    const scan = callback({ MsgType: 'event', Event: 'SCAN', EventKey: '42', Ticket: 'tk' });
    expect(scan.interaction?.kind).toBe('scan');
    expect(scan.inbound.metadata['wechat_scene']).toBe('42');

    const click = callback({ MsgType: 'event', Event: 'CLICK', EventKey: 'SELF_SERVICE_LOOKUP' });
    expect(click.disposition).toEqual({ kind: 'menu_click', menuKey: 'SELF_SERVICE_LOOKUP' });
    expect(click.interaction?.kind).toBe('menu_click');

    const view = callback({ MsgType: 'event', Event: 'VIEW', EventKey: 'https://x.test/portal' });
    expect(view.disposition).toEqual({ kind: 'noise', reason: 'menu_link' });

    const report = callback({
      MsgType: 'event',
      Event: 'TEMPLATESENDJOBFINISH',
      MsgID: { raw: 200163836 },
      Status: 'failed:user block',
    });
    expect(report.disposition).toEqual({
      kind: 'delivery_report',
      providerMessageId: '200163836',
      delivered: false,
      detail: 'failed:user block',
    });
  });

  it('turns an unknown message type or event into an "unsupported content" note, never a throw', () => {
    const unknown = callback({ MsgType: 'miniprogrampage', Title: '小程序', MsgId: { raw: 9 } });
    expect(unknown.disposition).toEqual({ kind: 'contact' });
    expect(unknown.inbound.bodyText).toContain('Unsupported WeChat content: miniprogrampage');
    expect(unknown.inbound.channelMessageId).toBe('oa:wxapp1:msg:9');
    const event = callback({ MsgType: 'event', Event: 'user_get_card' });
    expect(event.inbound.bodyText).toContain('event:user_get_card');
    expect(() => callback({})).not.toThrow();
  });

  it('cuts a huge text on a code point boundary, emoji whole', () => {
    const { inbound } = callback({ MsgType: 'text', Content: `${'好'.repeat(19_999)}😀😀`, MsgId: { raw: 10 } });
    expect(Array.from(inbound.bodyText)).toHaveLength(20_000);
    expect(inbound.bodyText.endsWith('好😀')).toBe(true);
  });
});
