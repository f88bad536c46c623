import { Controller, Get, HttpCode, Inject, Post, Req, Res, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inboundRequestOf } from '@switchboard/channel-sdk';
import { ApiErrorResponses, RouteLimits, ZodParams, ZodQuery } from '@switchboard/http';
import { z } from 'zod';
import type { WechatAnswer, WechatIntake } from './intake/wechat-intake';

export const WECHAT_OA_PATH = 'wechat/oa/:accountId';
export const WECHAT_KF_PATH = 'wechat/kf/:accountId';
export const WECHAT_INTAKE = Symbol('WECHAT_INTAKE');

const value = z.string().max(1_024).optional();
/** WeChat's callback query; every value a string, checked by the protocol core (signature, window). */
const querySchema = z.object({
  signature: value,
  timestamp: value,
  nonce: value,
  echostr: value,
  encrypt_type: value,
  msg_signature: value,
  openid: value,
});
const paramsSchema = z.object({ accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
type Query = z.output<typeof querySchema>;
type Params = z.output<typeof paramsSchema>;

const answer = (reply: FastifyReply, result: WechatAnswer): string => {
  void reply.header('content-type', `${result.contentType}; charset=utf-8`);
  return result.body;
};

/**
 * WeChat's server URLs: `GET` answers the URL check (echostr) and `POST` a callback, with the route's
 * body limit and XML only. A forged, replayed, oversize or unsafe callback gets a 4xx (JSON error)
 * before anything is published; a callback gets `success` only after its message is on the bus.
 */
export function wechatWebhookControllerFor(maxBodyBytes: number): Type {
  const limits = { bodyLimit: maxBodyBytes, mediaTypes: ['text/xml', 'application/xml'] };

  @ApiTags('channel wechat')
  @Controller()
  class WechatWebhookController {
    constructor(@Inject(WECHAT_INTAKE) private readonly intake: WechatIntake) {}

    @Get(WECHAT_OA_PATH)
    @ApiOperation({ summary: 'Official Account server URL check (answers echostr)' })
    @ApiErrorResponses(400, 401)
    verifyOa(
      @ZodParams(paramsSchema) { accountId }: Params,
      @ZodQuery(querySchema) query: Query,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): string {
      return answer(reply, { contentType: 'text/plain', body: this.intake.verifyOa(accountId, query, new Date()) });
    }

    @Post(WECHAT_OA_PATH)
    @HttpCode(200)
    @RouteLimits(limits)
    @ApiOperation({ summary: 'An Official Account callback (plain, compatible or safe mode)' })
    @ApiErrorResponses(400, 401, 403, 413, 415, 503)
    async receiveOa(
      @ZodParams(paramsSchema) { accountId }: Params,
      @ZodQuery(querySchema) query: Query,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string> {
      const inbound = inboundRequestOf(request);
      return answer(reply, await this.intake.receiveOa(accountId, query, inbound.rawBody, inbound.receivedAt));
    }

    @Get(WECHAT_KF_PATH)
    @ApiOperation({ summary: 'WeCom customer-service callback URL check (answers the decrypted echostr)' })
    @ApiErrorResponses(400, 401)
    verifyKf(
      @ZodParams(paramsSchema) { accountId }: Params,
      @ZodQuery(querySchema) query: Query,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): string {
      return answer(reply, { contentType: 'text/plain', body: this.intake.verifyKf(accountId, query, new Date()) });
    }

    @Post(WECHAT_KF_PATH)
    @HttpCode(200)
    @RouteLimits(limits)
    @ApiOperation({ summary: 'A WeCom customer-service (微信客服) callback; messages are pulled with sync_msg' })
    @ApiErrorResponses(400, 401, 403, 413, 415)
    async receiveKf(
      @ZodParams(paramsSchema) { accountId }: Params,
      @ZodQuery(querySchema) query: Query,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string> {
      const inbound = inboundRequestOf(request);
      return answer(reply, await this.intake.receiveKf(accountId, query, inbound.rawBody, inbound.receivedAt));
    }
  }
  return WechatWebhookController;
}
