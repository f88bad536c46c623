/** Kafka header names. Use these constants; never spell a header name inline. */
export const Headers = {
  tenantId: 'x-sb-tenant-id',
  messageType: 'x-sb-message-type',
  dlqError: 'x-sb-error',
  dlqErrorName: 'x-sb-error-name',
  dlqAttempts: 'x-sb-attempts',
  dlqOriginalTopic: 'x-sb-original-topic',
  dlqOriginalPartition: 'x-sb-original-partition',
  dlqOriginalOffset: 'x-sb-original-offset',
  dlqFailedAt: 'x-sb-failed-at',
} as const;
