import {
  Channel,
  InboundReceiptSchema,
  InboundReceipt_Outcome,
  create,
  type InboundReceipt,
} from '@switchboard/contracts';
import { ReceiptWaiter } from './receipt-waiter';

const receipt = (messageId: string, channel = Channel.WEB): InboundReceipt =>
  create(InboundReceiptSchema, {
    messageId,
    channel,
    outcome: InboundReceipt_Outcome.TICKET_CREATED,
    ticketNumber: 'SB-1',
  });

describe('ReceiptWaiter', () => {
  let waiter: ReceiptWaiter;
  beforeEach(() => {
    waiter = new ReceiptWaiter({ timeoutMs: 100, capacity: 3 });
  });
  afterEach(() => waiter.close());

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('resolves a waiter with its receipt', async () => {
    const pending = waiter.wait('a');
    waiter.deliver(receipt('b'));
    waiter.deliver(receipt('a'));
    await expect(pending).resolves.toMatchObject({ messageId: 'a' });
    expect(waiter.waiting).toBe(0);
  });

  it('answers at once from recent receipts when the receipt came first', async () => {
    waiter.deliver(receipt('early'));
    await expect(waiter.wait('early')).resolves.toMatchObject({ messageId: 'early' });
  });

  it('times waiters out in deadline order with one timer', async () => {
    const first = waiter.wait('1');
    await sleep(60);
    const second = waiter.wait('2');
    await expect(first).resolves.toBeUndefined();
    expect(waiter.waiting).toBe(1);
    waiter.deliver(receipt('2'));
    await expect(second).resolves.toMatchObject({ messageId: '2' });
  });

  it('answers at once when the timeout is 0', async () => {
    const instant = new ReceiptWaiter({ timeoutMs: 0 });
    await expect(instant.wait('x')).resolves.toBeUndefined();
    expect(instant.waiting).toBe(0);
  });

  it('settles every waiter on close and on cancel', async () => {
    const a = waiter.wait('a');
    const b = waiter.wait('b');
    waiter.cancel('a');
    await expect(a).resolves.toBeUndefined();
    waiter.close();
    await expect(b).resolves.toBeUndefined();
    await expect(waiter.wait('c')).resolves.toBeUndefined();
  });

  it('keeps a bounded number of recent web receipts, evicting the oldest', () => {
    for (const id of ['1', '2', '3', '4']) waiter.deliver(receipt(id));
    waiter.deliver(receipt('email', Channel.EMAIL));
    expect(waiter.lookup('1')).toBeUndefined();
    expect(waiter.lookup('4')).toMatchObject({ messageId: '4' });
    expect(waiter.lookup('email')).toBeUndefined();
  });
});
