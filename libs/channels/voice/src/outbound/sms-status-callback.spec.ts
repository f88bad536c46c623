import { Channel, DeliveryReport_Status } from '@switchboard/contracts';
import { TEST_ACCOUNT_SID, twilioSid } from '../testing/twilio-fixtures';
import { VoiceChannelExceptionCode } from '../voice-channel.exception';
import { OUTBOUND_STATUSES, parseSmsStatusCallback, undeliveredSmsReport } from './sms-status-callback';

const query = new URLSearchParams({ tenant: 'acme', message: 'msg-1', ticket: 'ticket-1' });
const at = new Date('2026-05-01T00:00:00Z');
const params = (status: string, extra: Record<string, string> = {}) => ({
  MessageSid: twilioSid('SM', 0x5e01),
  AccountSid: TEST_ACCOUNT_SID,
  MessageStatus: status,
  SmsStatus: status,
  To: '+14155552671',
  From: '+14155550100',
  ApiVersion: '2010-04-01',
  ...extra,
});

describe('parseSmsStatusCallback', () => {
  it('records nothing while the message is on its way', () => {
    for (const status of ['accepted', 'scheduled', 'queued', 'sending']) {
      expect(parseSmsStatusCallback(params(status), query, at).report).toBeNull();
    }
  });

  it('maps sent and delivered onto the DeliveryReport of our reply', () => {
    const delivered = parseSmsStatusCallback(params('delivered'), query, at);
    expect(delivered.report).toMatchObject({
      messageId: 'msg-1',
      tenant: 'acme',
      ticketId: 'ticket-1',
      channel: Channel.SMS,
      status: DeliveryReport_Status.DELIVERED,
      recipient: '+14155552671',
      providerMessageId: twilioSid('SM', 0x5e01),
      detail: '',
    });
    expect(parseSmsStatusCallback(params('sent'), query, at).report?.status).toBe(DeliveryReport_Status.SENT);
    expect(parseSmsStatusCallback(params('sent'), query, at).rank).toBeLessThan(delivered.rank);
  });

  it('maps undelivered and failed with their error code, and notices an opt-out', () => {
    const undelivered = parseSmsStatusCallback(params('undelivered', { ErrorCode: '30003' }), query, at);
    expect(undelivered.report).toMatchObject({
      status: DeliveryReport_Status.FAILED,
      detail: 'undelivered: error 30003 (unreachable destination handset)',
    });
    const failed = parseSmsStatusCallback(
      params('failed', { ErrorCode: '21610', ErrorMessage: 'Unsubscribed' }),
      query,
      at,
    );
    expect(failed.report?.detail).toBe('failed: error 21610 (Unsubscribed)');
    expect(failed.revealsOptOut).toBe(true);
    expect(parseSmsStatusCallback(params('failed', { ErrorCode: '' }), query, at).report?.detail).toBe('failed');
  });

  it('knows every status Twilio documents and refuses others', () => {
    for (const status of OUTBOUND_STATUSES)
      expect(() => parseSmsStatusCallback(params(status), query, at)).not.toThrow();
    const codeOf = (run: () => unknown): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(codeOf(() => parseSmsStatusCallback(params('received'), query, at))).toBe(
      VoiceChannelExceptionCode.InvalidWebhook,
    );
    expect(codeOf(() => parseSmsStatusCallback(params('sent'), new URLSearchParams({ tenant: 'acme' }), at))).toBe(
      VoiceChannelExceptionCode.InvalidWebhook,
    );
  });
});

describe('undeliveredSmsReport', () => {
  it('marks a reply that was never sent as failed with the reason', () => {
    const report = undeliveredSmsReport(
      { messageId: 'msg-2', tenant: 'acme', ticketId: 't', to: '+14155552671' },
      'recipient opted out by texting "STOP"',
      at,
    );
    expect(report).toMatchObject({
      status: DeliveryReport_Status.FAILED,
      detail: 'recipient opted out by texting "STOP"',
      providerMessageId: '',
    });
  });
});
