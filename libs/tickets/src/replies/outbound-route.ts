import { Topics, type ChannelName } from '@switchboard/contracts';

export type OutboundIdentityKind = 'email' | 'phone' | 'wechat_openid' | 'external';

/** Where a channel's answers are published, and which customer identity receives them. */
interface OutboundRoute {
  readonly channel: ChannelName;
  readonly topic: string;
  readonly identityKind: OutboundIdentityKind;
}

const routes: Record<ChannelName, OutboundRoute | undefined> = {
  email: { channel: 'email', topic: Topics.outboundEmail, identityKind: 'email' },
  web: { channel: 'web', topic: Topics.outboundWeb, identityKind: 'email' },
  wechat: { channel: 'wechat', topic: Topics.outboundWechat, identityKind: 'wechat_openid' },
  sms: { channel: 'sms', topic: Topics.outboundSms, identityKind: 'phone' },
  voice: { channel: 'voice', topic: Topics.outboundSms, identityKind: 'phone' },
  api: { channel: 'api', topic: Topics.outboundApi, identityKind: 'external' },
};

const isChannelName = (value: string): value is ChannelName => Object.hasOwn(routes, value);

export function outboundRouteOf(channel: string): OutboundRoute | undefined {
  return isChannelName(channel) ? routes[channel] : undefined;
}
