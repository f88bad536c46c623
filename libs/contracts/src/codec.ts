import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { InboundMessageSchema, type InboundMessage } from './gen/switchboard/v1/inbound_message_pb';
import { InboundReceiptSchema, type InboundReceipt } from './gen/switchboard/v1/inbound_receipt_pb';
import { TicketEventSchema, type TicketEvent } from './gen/switchboard/v1/ticket_event_pb';
import { OutboundMessageSchema, type OutboundMessage } from './gen/switchboard/v1/outbound_message_pb';
import { DeliveryReportSchema, type DeliveryReport } from './gen/switchboard/v1/delivery_report_pb';
import { Channel } from './gen/switchboard/v1/common_pb';

export const encodeInboundMessage = (m: InboundMessage): Uint8Array => toBinary(InboundMessageSchema, m);
export const decodeInboundMessage = (b: Uint8Array): InboundMessage => fromBinary(InboundMessageSchema, b);
export const encodeInboundReceipt = (m: InboundReceipt): Uint8Array => toBinary(InboundReceiptSchema, m);
export const decodeInboundReceipt = (b: Uint8Array): InboundReceipt => fromBinary(InboundReceiptSchema, b);
export const encodeTicketEvent = (m: TicketEvent): Uint8Array => toBinary(TicketEventSchema, m);
export const decodeTicketEvent = (b: Uint8Array): TicketEvent => fromBinary(TicketEventSchema, b);
export const encodeOutboundMessage = (m: OutboundMessage): Uint8Array => toBinary(OutboundMessageSchema, m);
export const decodeOutboundMessage = (b: Uint8Array): OutboundMessage => fromBinary(OutboundMessageSchema, b);
export const encodeDeliveryReport = (m: DeliveryReport): Uint8Array => toBinary(DeliveryReportSchema, m);
export const decodeDeliveryReport = (b: Uint8Array): DeliveryReport => fromBinary(DeliveryReportSchema, b);

/** The lower-case channel names stored in the database and shown in the API. */
export type ChannelName = 'web' | 'email' | 'wechat' | 'sms' | 'voice' | 'api';

const channelNames: Record<Channel, ChannelName | undefined> = {
  [Channel.UNSPECIFIED]: undefined,
  [Channel.WEB]: 'web',
  [Channel.EMAIL]: 'email',
  [Channel.WECHAT]: 'wechat',
  [Channel.SMS]: 'sms',
  [Channel.VOICE]: 'voice',
  [Channel.API]: 'api',
};

export function channelName(channel: Channel): ChannelName | undefined {
  return channelNames[channel];
}

const channelsByName: Record<ChannelName, Channel> = {
  web: Channel.WEB,
  email: Channel.EMAIL,
  wechat: Channel.WECHAT,
  sms: Channel.SMS,
  voice: Channel.VOICE,
  api: Channel.API,
};

export function channelFromName(name: ChannelName): Channel {
  return channelsByName[name];
}
