import { z } from 'zod';

const text = z.string().max(20_000);
const mediaOnly = z.object({ media_id: text });

/**
 * One entry of `kf/sync_msg`'s msg_list, validated at the edge (the platform's JSON is input like any
 * other). Unknown message types keep their name and become an "unsupported content" note.
 */
export const KfSyncItemSchema = z.object({
  msgid: z.string().min(1).max(128),
  open_kfid: z.string().min(1).max(128),
  external_userid: z.string().max(128).optional(),
  send_time: z.number().int().nonnegative(),
  /** 3: the customer, 4: a system event, 5: a servicer through the WeCom client. */
  origin: z.number().int(),
  servicer_userid: z.string().max(128).optional(),
  msgtype: z.string().min(1).max(64),
  text: z.object({ content: text, menu_id: z.string().max(128).optional() }).optional(),
  image: mediaOnly.optional(),
  voice: mediaOnly.optional(),
  video: mediaOnly.optional(),
  file: mediaOnly.optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: text.optional(), address: text.optional() })
    .optional(),
  link: z
    .object({ title: text.optional(), desc: text.optional(), url: text.optional(), pic_url: text.optional() })
    .optional(),
  event: z
    .object({
      event_type: z.string().max(64),
      open_kfid: z.string().max(128).optional(),
      external_userid: z.string().max(128).optional(),
      scene: z.string().max(128).optional(),
      scene_param: z.string().max(512).optional(),
      welcome_code: z.string().max(256).optional(),
      fail_msgid: z.string().max(128).optional(),
      fail_type: z.number().int().optional(),
      change_type: z.number().int().optional(),
      new_servicer_userid: z.string().max(128).optional(),
      msg_code: z.string().max(256).optional(),
    })
    .optional(),
});

export type KfSyncItem = z.infer<typeof KfSyncItemSchema>;

export const KfSyncResponseSchema = z.object({
  next_cursor: z.string().max(512).optional(),
  has_more: z.number().int().optional(),
  msg_list: z.array(z.unknown()).max(1000).optional(),
});

export const KF_ORIGIN_CUSTOMER = 3;
export const KF_ORIGIN_EVENT = 4;
export const KF_ORIGIN_SERVICER = 5;
