import type { InboundMessage } from '@switchboard/contracts';

/**
 * What the customer's action allows us to send back freely (the 48-hour rule): a message opens the
 * window; a menu click, a subscribe and a QR scan allow a few messages for one minute only.
 */
export type WechatInteractionKind = 'message' | 'menu_click' | 'subscribe' | 'scan';

export interface WechatInteraction {
  readonly kind: WechatInteractionKind;
  /** Our clock when the callback arrived (the platform's CreateTime is kept in metadata). */
  readonly at: Date;
}

/** What the adapter does with a normalized callback. Nothing is dropped without one of these. */
export type WechatDisposition =
  /** A customer's message (also an unsupported one, as a note): publish it. */
  | { readonly kind: 'contact' }
  /** A custom-menu click: the adapter runs the self-service command its key names, else publishes it. */
  | { readonly kind: 'menu_click'; readonly menuKey: string }
  /** The platform reporting a template message's delivery. */
  | {
      readonly kind: 'delivery_report';
      readonly providerMessageId: string;
      readonly delivered: boolean;
      readonly detail: string;
    }
  /** Acknowledged and counted, not a ticket: subscribe, unsubscribe, menu link, QR scan, location report. */
  | { readonly kind: 'noise'; readonly reason: string };

export interface NormalizedWechatInput {
  /** Always built, so every disposition has the same identity, keys and metadata to log or publish. */
  readonly inbound: InboundMessage;
  readonly disposition: WechatDisposition;
  /** Undefined for callbacks that do not open a reply window (unsubscribe, menu links, reports). */
  readonly interaction: WechatInteraction | undefined;
}
