import { DeliveryReport_Status } from '@switchboard/contracts';

export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'failed';

export function deliveryStatusOf(status: DeliveryReport_Status): DeliveryStatus | undefined {
  switch (status) {
    case DeliveryReport_Status.SENT:
      return 'sent';
    case DeliveryReport_Status.DELIVERED:
      return 'delivered';
    case DeliveryReport_Status.FAILED:
      return 'failed';
    // A delay changes no status: the use-case notes it and keeps waiting for the final report.
    case DeliveryReport_Status.DELAYED:
    case DeliveryReport_Status.UNSPECIFIED:
      return undefined;
  }
}

const rank: Record<DeliveryStatus, number> = { pending: 0, sent: 1, delivered: 2, failed: 3 };

/**
 * Reports arrive out of order and more than once (a resend reports SENT again, a bounce comes after
 * SENT): a status only moves forward, and FAILED is final.
 */
export function advances(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return rank[to] > rank[from];
}
