import type { WechatInteractionKind } from '../normalized-wechat-input';

/**
 * WeChat's customer-service message rule (Official Accounts since June 2023, and WeCom 微信客服):
 * a customer's message allows 5 free-form messages within 48 hours; a menu click, a subscribe or a QR
 * scan allows 3 within 1 minute. Quotas do not add up: each action resets its own to the maximum.
 */
export interface WindowRule {
  readonly windowMs: number;
  readonly quota: number;
}

const HOUR = 3_600_000;

export const OA_WINDOW_RULES: Readonly<Record<WechatInteractionKind, WindowRule>> = {
  message: { windowMs: 48 * HOUR, quota: 5 },
  menu_click: { windowMs: 60_000, quota: 3 },
  subscribe: { windowMs: 60_000, quota: 3 },
  scan: { windowMs: 60_000, quota: 3 },
};

/** WeCom kf only counts the customer's messages. */
export const KF_WINDOW_RULES: Readonly<Partial<Record<WechatInteractionKind, WindowRule>>> = {
  message: { windowMs: 48 * HOUR, quota: 5 },
};

export interface InteractionRecord {
  readonly kind: WechatInteractionKind;
  readonly at: Date;
  /** Free-form messages we sent since this interaction. */
  readonly sentSince: number;
}

export interface ReplyWindowInput {
  readonly api: 'oa' | 'kf';
  /** The customer's latest interaction of each kind (any order; missing kinds simply absent). */
  readonly interactions: readonly InteractionRecord[];
  readonly now: Date;
  /** The tenant configured a template for replies outside the window (Official Accounts only). */
  readonly templateConfigured: boolean;
}

export type UndeliverableReason = 'no_interaction' | 'window_expired' | 'quota_exhausted';

export type ReplyWindowDecision =
  | { readonly send: 'free_form'; readonly until: Date; readonly remaining: number }
  | { readonly send: 'template'; readonly reason: UndeliverableReason }
  | { readonly send: 'undeliverable'; readonly reason: UndeliverableReason; readonly explanation: string };

const EXPLANATIONS: Record<UndeliverableReason, string> = {
  no_interaction: 'The customer has not written to this WeChat account, so WeChat allows no reply.',
  window_expired:
    "The customer's last message is more than 48 hours old: WeChat allows a free-form reply only within 48 hours, and no template message is configured.",
  quota_exhausted:
    "The replies WeChat allows after the customer's last action are used up: the customer must write again (no template message is configured).",
};

/** Whether an agent's reply can go as a customer-service message now, as a template, or not at all. */
export function decideReplyWindow(input: ReplyWindowInput): ReplyWindowDecision {
  const rules = input.api === 'oa' ? OA_WINDOW_RULES : KF_WINDOW_RULES;
  const now = input.now.getTime();
  let reason: UndeliverableReason = 'no_interaction';
  let best: { until: number; remaining: number } | undefined;
  for (const interaction of input.interactions) {
    const rule = rules[interaction.kind];
    if (!rule) continue;
    const until = interaction.at.getTime() + rule.windowMs;
    if (until <= now) {
      if (reason === 'no_interaction') reason = 'window_expired';
      continue;
    }
    const remaining = rule.quota - interaction.sentSince;
    if (remaining <= 0) {
      reason = 'quota_exhausted';
      continue;
    }
    if (!best || until > best.until) best = { until, remaining };
  }
  if (best) return { send: 'free_form', until: new Date(best.until), remaining: best.remaining };
  if (input.api === 'oa' && input.templateConfigured) return { send: 'template', reason };
  return { send: 'undeliverable', reason, explanation: EXPLANATIONS[reason] };
}
