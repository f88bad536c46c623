import { parseWechatConversationKey, wechatConversationKey } from './conversation-key';
import { formatWechatMediaRef, parseWechatMediaRef } from './media-ref';

describe('WeChat conversation keys and media references', () => {
  it('round-trip, with separators in ids escaped', () => {
    const oa = { api: 'oa', appId: 'wx1', openId: 'o:dd/1' } as const;
    const kf = { api: 'kf', corpId: 'ww1', openKfId: 'wk1', externalUserId: 'wm:x' } as const;
    expect(parseWechatConversationKey(wechatConversationKey(oa))).toEqual(oa);
    expect(parseWechatConversationKey(wechatConversationKey(kf))).toEqual(kf);
    expect(parseWechatConversationKey('web:abc')).toBeUndefined();
    expect(parseWechatConversationKey('wechat:oa:wx1')).toBeUndefined();
    const ref = { api: 'kf', ownerId: 'ww1', mediaId: 'a/b' } as const;
    expect(parseWechatMediaRef(formatWechatMediaRef(ref))).toEqual(ref);
    expect(parseWechatMediaRef('file://sha256/ab')).toBeUndefined();
  });
});
