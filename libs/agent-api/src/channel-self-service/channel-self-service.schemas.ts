import { z } from 'zod';

const tenant = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const identity = {
  tenant,
  kind: z.enum(['wechat_openid', 'wechat_unionid', 'phone']),
  value: z.string().trim().min(1).max(200),
};

export const channelTicketsBodySchema = z
  .object({
    ...identity,
    ticketNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,15}-\d{1,18}$/)
      .optional(),
  })
  .strict();

export const channelRatingBodySchema = z
  .object({
    ...identity,
    score: z.number().int().min(1).max(5),
    channel: z.enum(['wechat', 'sms', 'voice']),
  })
  .strict();

export const channelPhoneStatusBodySchema = z
  .object({
    tenant,
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +8613800138000'),
    language: z.string().trim().min(2).max(35),
  })
  .strict();
