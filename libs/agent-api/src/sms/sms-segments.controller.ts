import { HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { countSmsSegments, type SegmentCount } from '@switchboard/channel-voice';
import { ApiErrorResponses, ZodBody } from '@switchboard/http';
import { AgentApiController } from '../agent-api-controller.decorator';
import { Authenticated } from '../auth/authenticated.decorator';

/** Twilio takes at most 1,600 characters in one (concatenated) message; longer answers are refused. */
const smsSegmentsBodySchema = z.object({ text: z.string().max(1_600) }).strict();

/**
 * POST /api/v1/sms/segments: what an SMS answer costs before the agent sends it. GSM-7 takes 160
 * characters in one SMS (153 per part); one character outside it (Chinese, most emoji) makes the whole
 * message UCS-2: 70, then 67 per part. Named characters tell the agent what to replace.
 */
@AgentApiController('sms')
@Authenticated()
export class SmsSegmentsController {
  @Post('sms/segments')
  @HttpCode(200)
  @ApiErrorResponses(400, 401)
  segments(@ZodBody(smsSegmentsBodySchema) body: z.output<typeof smsSegmentsBodySchema>): { count: SegmentCount } {
    return { count: countSmsSegments(body.text) };
  }
}
