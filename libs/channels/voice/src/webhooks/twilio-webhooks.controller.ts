import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorResponses, RouteLimits } from '@switchboard/http';
import { WebhookPaths } from '../webhook-paths';
import { SmsWebhooks } from './sms-webhooks';
import type { TwilioHttpRequest } from './twilio-webhook-verifier';
import { VoiceWebhooks } from './voice-webhooks';

/** Twilio's webhooks are small forms (a long SMS is 1,600 characters); JSON only for the few JSON ones. */
const LIMITS = {
  bodyLimit: 64 * 1024,
  mediaTypes: ['application/x-www-form-urlencoded', 'application/json'],
} as const;

type WithRawBody = FastifyRequest & { rawBody?: Buffer };

/** The request as the verifier needs it: the path Twilio called (signed with the configured base), the bytes. */
function twilioRequestOf(request: FastifyRequest): TwilioHttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(request.headers))
    headers[key] = Array.isArray(value) ? value.join(',') : value;
  const raw = (request as WithRawBody).rawBody;
  return { pathAndQuery: request.url, headers, rawBody: raw ? raw.toString('utf8') : '', receivedAt: new Date() };
}

const twiml = (reply: FastifyReply, xml: string): void => void reply.type('text/xml; charset=utf-8').send(xml);

/**
 * Every Twilio webhook of the channel. Each verifies X-Twilio-Signature first (403 with nothing
 * stored), resolves the tenant from the number called, and answers TwiML after what it produced is on
 * the bus. Errors answer `{ error }` through the shared filter; Twilio retries what got no 2xx.
 */
@ApiTags('channel voice (Twilio)')
@Controller()
export class TwilioWebhooksController {
  constructor(
    @Inject(SmsWebhooks) private readonly sms: SmsWebhooks,
    @Inject(VoiceWebhooks) private readonly voice: VoiceWebhooks,
  ) {}

  @Post(WebhookPaths.inboundSms)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: 'Twilio: an inbound SMS/MMS' })
  @ApiErrorResponses(400, 403, 404, 413, 415, 503)
  async inboundSms(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    twiml(reply, await this.sms.inbound(twilioRequestOf(request)));
  }

  @Post(WebhookPaths.smsStatus)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: 'Twilio: the status callback of a reply we sent' })
  @ApiErrorResponses(400, 403, 413, 415, 503)
  async smsStatus(@Req() request: FastifyRequest): Promise<{ reports: number }> {
    return { reports: await this.sms.status(twilioRequestOf(request)) };
  }

  @Post(WebhookPaths.incomingCall)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: 'Twilio: an incoming call (answers the greeting and menu)' })
  @ApiErrorResponses(400, 403, 404, 413, 415, 503)
  async incomingCall(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    twiml(reply, await this.voice.incomingCall(twilioRequestOf(request)));
  }

  @Post(WebhookPaths.menuChoice)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: "Twilio: the caller's menu choice (digits or speech)" })
  @ApiErrorResponses(400, 403, 404, 413, 415, 503)
  async menuChoice(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    twiml(reply, await this.voice.menuChoice(twilioRequestOf(request)));
  }

  @Post(WebhookPaths.voicemailDone)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: 'Twilio: the voicemail was recorded (says thanks, hangs up)' })
  @ApiErrorResponses(400, 403, 413, 415)
  voicemailDone(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    twiml(reply, this.voice.voicemailDone(twilioRequestOf(request)));
  }

  @Post(WebhookPaths.recordingStatus)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: 'Twilio: a voicemail recording is ready (or absent)' })
  @ApiErrorResponses(400, 403, 413, 415, 503)
  async recordingStatus(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    twiml(reply, await this.voice.recordingStatus(twilioRequestOf(request)));
  }

  @Post(WebhookPaths.transcription)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: "Twilio: a voicemail's transcript" })
  @ApiErrorResponses(400, 403, 413, 415, 503)
  async transcription(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    twiml(reply, await this.voice.transcription(twilioRequestOf(request)));
  }

  @Post(WebhookPaths.callStatus)
  @HttpCode(200)
  @RouteLimits(LIMITS)
  @ApiOperation({ summary: "Twilio: a call's status (a missed call when it left nothing)" })
  @ApiErrorResponses(400, 403, 404, 413, 415, 503)
  async callStatus(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    twiml(reply, await this.voice.callStatus(twilioRequestOf(request)));
  }
}
