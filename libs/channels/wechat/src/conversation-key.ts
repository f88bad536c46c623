/**
 * Conversation keys of the WeChat channel. One customer of one account is one conversation, so their
 * messages stay ordered on one partition and thread onto their open ticket; the outbound adapter reads
 * the key back to know which API answers (Official Account customer-service message or WeCom kf).
 */
export type WechatConversation =
  | { readonly api: 'oa'; readonly appId: string; readonly openId: string }
  | {
      readonly api: 'kf';
      readonly corpId: string;
      readonly openKfId: string;
      readonly externalUserId: string;
    }
  /** A personal account run by a Wechaty bot: the bot's id and the contact's id as the puppet names it. */
  | { readonly api: 'bot'; readonly botId: string; readonly contactId: string };

const enc = encodeURIComponent;

export function wechatConversationKey(conversation: WechatConversation): string {
  switch (conversation.api) {
    case 'oa':
      return `wechat:oa:${enc(conversation.appId)}:${enc(conversation.openId)}`;
    case 'kf':
      return `wechat:kf:${enc(conversation.corpId)}:${enc(conversation.openKfId)}:${enc(conversation.externalUserId)}`;
    case 'bot':
      return `wechat:bot:${enc(conversation.botId)}:${enc(conversation.contactId)}`;
    default:
      return conversation satisfies never;
  }
}

export function parseWechatConversationKey(key: string): WechatConversation | undefined {
  const [channel, api, ...parts] = key.split(':');
  if (channel !== 'wechat' || parts.some((part) => part === '')) return undefined;
  const dec = parts.map((part) => decodeURIComponent(part));
  if (api === 'oa' && dec.length === 2) return { api, appId: dec[0] ?? '', openId: dec[1] ?? '' };
  if (api === 'bot' && dec.length === 2) return { api, botId: dec[0] ?? '', contactId: dec[1] ?? '' };
  if (api === 'kf' && dec.length === 3) {
    return { api, corpId: dec[0] ?? '', openKfId: dec[1] ?? '', externalUserId: dec[2] ?? '' };
  }
  return undefined;
}
