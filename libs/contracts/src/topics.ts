/** Kafka topic names. The only place they are spelled; everything else imports these. */
export const Topics = {
  inboundMessages: 'inbound.messages.v1',
  inboundReceipts: 'inbound.receipts.v1',
  ticketEvents: 'ticket.events.v1',
  outboundEmail: 'outbound.email.v1',
  outboundWechat: 'outbound.wechat.v1',
  outboundSms: 'outbound.sms.v1',
  outboundWeb: 'outbound.web.v1',
  outboundApi: 'outbound.api.v1',
  outboundStatus: 'outbound.status.v1',
  // Mail to agents (SLA reminders, breaches, escalations): OutboundMessage, key: ticket id; not part of any conversation.
  notificationsEmail: 'notifications.email.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const dlqTopicOf = (topic: string): string => `${topic}.dlq`;

/** Every topic, for creating them at start-up (transports add each one's dead-letter topic). */
export const allTopics = (): string[] => Object.values(Topics);
