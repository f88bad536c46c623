import { DeliveryReport_Status } from '@switchboard/contracts';
import { advances, deliveryStatusOf } from './delivery-status';

describe('delivery status', () => {
  it('maps report statuses and ignores an unspecified one', () => {
    expect(deliveryStatusOf(DeliveryReport_Status.SENT)).toBe('sent');
    expect(deliveryStatusOf(DeliveryReport_Status.FAILED)).toBe('failed');
    expect(deliveryStatusOf(DeliveryReport_Status.UNSPECIFIED)).toBeUndefined();
    expect(deliveryStatusOf(DeliveryReport_Status.DELAYED)).toBeUndefined();
  });

  it('only moves forward: a late or repeated SENT never undoes a failure', () => {
    expect(advances('pending', 'sent')).toBe(true);
    expect(advances('sent', 'failed')).toBe(true);
    expect(advances('failed', 'sent')).toBe(false);
    expect(advances('sent', 'sent')).toBe(false);
    expect(advances('delivered', 'sent')).toBe(false);
  });
});
