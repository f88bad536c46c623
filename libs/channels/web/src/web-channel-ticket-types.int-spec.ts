import {
  InboundReceiptSchema,
  InboundReceipt_Outcome,
  Topics,
  create,
  decodeInboundMessage,
  encodeInboundReceipt,
} from '@switchboard/contracts';
import type { Subscription } from '@switchboard/messaging';
import { WebChannelHarness, validForm as form } from './testing/web-channel.harness';

/**
 * The ticket service's side is proven in libs/tickets (ticket-types-ingest.int-spec): here a stand-in
 * answers like it does for invalid fields, and the test checks what the customer gets to see.
 */
describe('web channel: ticket types and field errors', () => {
  let h: WebChannelHarness;
  let answering: Subscription;

  beforeEach(async () => {
    h = await WebChannelHarness.start();
    h.fake.silent = true;
    answering = await h.transport.subscribe({
      topic: Topics.inboundMessages,
      groupId: 'fields-checker',
      handler: async (records) => {
        const receipts = records.map((record) => {
          const message = decodeInboundMessage(record.value);
          const missingFault = !message.customFields['fault'];
          return create(InboundReceiptSchema, {
            messageId: message.messageId,
            tenant: message.tenant,
            channelMessageId: message.channelMessageId,
            ...(missingFault
              ? {
                  outcome: InboundReceipt_Outcome.REJECTED,
                  rejectReason: 'invalid_fields',
                  rejectDetail: 'Some fields are invalid.',
                  fieldErrors: [
                    { field: 'fault', message: 'This field is required.' },
                    { field: 'symptoms', message: 'must be equal to one of the allowed values' },
                  ],
                }
              : { outcome: InboundReceipt_Outcome.TICKET_CREATED, ticketId: 't-1', ticketNumber: 'SB-000001' }),
          });
        });
        await h.transport.publish(
          Topics.inboundReceipts,
          receipts.map((r) => ({ key: r.messageId, value: encodeInboundReceipt(r) })),
        );
      },
    });
  });
  afterEach(async () => {
    await answering.close();
    await h.stop();
  });

  it('sends the type and its fields, JSON-encoding what is not a string', async () => {
    const res = await h.postJson({
      ...form,
      ticketType: 'repair',
      fields: { product_model: ' W7 ', fault: 'Leaks', symptoms: ['leak'], count: 2, empty: '' },
    });
    expect(res.statusCode).toBe(201);
    const [seen] = await h.fake.consumed(1);
    expect(seen?.message.hints?.ticketType).toBe('repair');
    expect(seen?.message.customFields).toEqual({
      product_model: 'W7',
      fault: 'Leaks',
      symptoms: '["leak"]',
      count: '2',
    });
  });

  it('answers 422 invalid_fields with one entry per field in error.fields', async () => {
    const res = await h.postJson({ ...form, ticketType: 'repair', fields: { symptoms: ['fire'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: {
        code: 'invalid_fields',
        message: 'Some fields are invalid.',
        fields: [
          { field: 'fields.fault', reason: 'invalid', message: 'This field is required.' },
          { field: 'fields.symptoms', reason: 'invalid', message: 'must be equal to one of the allowed values' },
        ],
      },
    });
  });

  it('lists the field errors on the HTML page of a form post', async () => {
    const res = await h.postForm({ ...form, ticketType: 'repair', 'fields[product_model]': 'W7' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<ul class="problems"><li><strong>fault</strong>: This field is required.</li>');
    expect(res.body).toContain('<strong>symptoms</strong>');
  });

  it('refuses malformed field names before publishing anything', async () => {
    const res = await h.postJson({ ...form, ticketType: 'repair', fields: { 'Bad Name': 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { fields: [{ field: 'fields.Bad Name', reason: 'invalid_format' }] } });
    expect(h.fake.seen).toHaveLength(0);
  });
});
