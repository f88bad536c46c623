import { Topics } from '@switchboard/contracts';

/**
 * How a consumer group grows: `kafka-lag` groups share the topic's partitions among every instance of
 * their app, so the app scales on the group's lag (a KEDA trigger per group in k8s/); a `per-instance`
 * group exists once per process (its id is `<groupId>.<INSTANCE_ID>`, reading from 'latest') and
 * says nothing about load, so it is never a scaling signal.
 */
export type ConsumerScaling = 'kafka-lag' | 'per-instance';

export interface DeclaredConsumer {
  /** The logical group id (KAFKA_TOPIC_PREFIX is prepended on the wire); per-instance: the id's prefix. */
  readonly groupId: string;
  readonly topic: string;
  /** The distributed app (apps/<app>, the k8s Deployment and compose service) that runs the group. */
  readonly app: string;
  readonly scaling: ConsumerScaling;
}

/**
 * Every consumer group of every service: the one place a group is named. Consumer classes take their
 * group from here, and e2e/deploy fails when a `@BatchEventPattern` of an app is missing here, when an
 * entry here runs in no app, or when a `kafka-lag` group has no KEDA trigger in k8s/ (so a new
 * consumer cannot be deployed without autoscaling). Add a line here when you add a consumer.
 */
export const DeclaredConsumers = {
  ticketServiceInbound: {
    groupId: 'ticket-service',
    topic: Topics.inboundMessages,
    app: 'ticket-service',
    scaling: 'kafka-lag',
  },
  ticketServiceDeliveryReports: {
    groupId: 'ticket-service.delivery-reports',
    topic: Topics.outboundStatus,
    app: 'ticket-service',
    scaling: 'kafka-lag',
  },
  ticketServiceSla: {
    groupId: 'ticket-service.sla',
    topic: Topics.ticketEvents,
    app: 'ticket-service',
    scaling: 'kafka-lag',
  },
  routingService: {
    groupId: 'routing-service',
    topic: Topics.ticketEvents,
    app: 'routing-service',
    scaling: 'kafka-lag',
  },
  channelWebOutbound: {
    groupId: 'channel-web.outbound',
    topic: Topics.outboundWeb,
    app: 'channel-web',
    scaling: 'kafka-lag',
  },
  channelWebReceipts: {
    groupId: 'channel-web',
    topic: Topics.inboundReceipts,
    app: 'channel-web',
    scaling: 'per-instance',
  },
  channelEmailOutbound: {
    groupId: 'channel-email.outbound',
    topic: Topics.outboundEmail,
    app: 'channel-email',
    scaling: 'kafka-lag',
  },
  channelEmailNotifications: {
    groupId: 'channel-email.notifications',
    topic: Topics.notificationsEmail,
    app: 'channel-email',
    scaling: 'kafka-lag',
  },
  agentApiWebhooks: {
    groupId: 'agent-api.webhooks',
    topic: Topics.ticketEvents,
    app: 'agent-api',
    scaling: 'kafka-lag',
  },
  channelApiOutbound: {
    groupId: 'channel-api.outbound',
    topic: Topics.outboundApi,
    app: 'channel-api',
    scaling: 'kafka-lag',
  },
  channelWechatOutbound: {
    groupId: 'channel-wechat.outbound',
    topic: Topics.outboundWechat,
    app: 'channel-wechat',
    scaling: 'kafka-lag',
  },
  channelWechatTicketEvents: {
    groupId: 'channel-wechat.ticket-events',
    topic: Topics.ticketEvents,
    app: 'channel-wechat',
    scaling: 'kafka-lag',
  },
  channelVoiceOutbound: {
    groupId: 'channel-voice.outbound',
    topic: Topics.outboundSms,
    app: 'channel-voice',
    scaling: 'kafka-lag',
  },
  channelEmailReceipts: {
    groupId: 'channel-email.receipts',
    topic: Topics.inboundReceipts,
    app: 'channel-email',
    scaling: 'kafka-lag',
  },
} as const satisfies Record<string, DeclaredConsumer>;

/** The group id a process subscribes with: per-instance groups name the instance. */
export function consumerGroupIdOf(consumer: DeclaredConsumer, instanceId: string): string {
  return consumer.scaling === 'per-instance' ? `${consumer.groupId}.${instanceId}` : consumer.groupId;
}

/** The inventory as a list, for deployment checks and dashboards. */
export const declaredConsumers = (): DeclaredConsumer[] => Object.values(DeclaredConsumers);
