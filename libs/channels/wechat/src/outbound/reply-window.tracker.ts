import type { WechatSharedStore } from '../api/shared-store';
import type { WechatInteraction } from '../normalized-wechat-input';
import type { InteractionRecord } from './reply-window';

/** Longer than the longest window (48 h), so an expired window still reads as "expired", not "no interaction". */
const KEEP_MS = 30 * 24 * 3_600_000;

interface Stored {
  readonly kind: InteractionRecord['kind'];
  readonly at: number;
  readonly sentSince: number;
}

/**
 * The customer's latest interaction of each kind and the free-form messages sent since, per
 * conversation, in the shared store: what `decideReplyWindow` reads. A read-modify-write race between
 * instances can undercount a send; the platform's 45047 answer is the backstop (`SendWechatReply`).
 */
export class ReplyWindowTracker {
  constructor(private readonly store: WechatSharedStore) {}

  private key(conversationKey: string): string {
    return `wechat:window:${conversationKey}`;
  }

  async interactions(conversationKey: string): Promise<InteractionRecord[]> {
    return (await this.read(conversationKey)).map((s) => ({
      kind: s.kind,
      at: new Date(s.at),
      sentSince: s.sentSince,
    }));
  }

  /** The customer acted: this kind's window restarts with its full quota. */
  async recordInteraction(conversationKey: string, interaction: WechatInteraction): Promise<void> {
    const others = (await this.read(conversationKey)).filter((s) => s.kind !== interaction.kind);
    await this.write(conversationKey, [
      ...others,
      { kind: interaction.kind, at: interaction.at.getTime(), sentSince: 0 },
    ]);
  }

  /** A free-form message went out: it counts against every open window's quota. */
  async recordSent(conversationKey: string): Promise<void> {
    const current = await this.read(conversationKey);
    await this.write(
      conversationKey,
      current.map((s) => ({ ...s, sentSince: s.sentSince + 1 })),
    );
  }

  private async read(conversationKey: string): Promise<Stored[]> {
    const raw = await this.store.get(this.key(conversationKey));
    if (raw === undefined) return [];
    try {
      const parsed = JSON.parse(raw) as unknown;
      return Array.isArray(parsed) ? parsed.filter(isStored) : [];
    } catch {
      return [];
    }
  }

  private write(conversationKey: string, records: readonly Stored[]): Promise<void> {
    return this.store.set(this.key(conversationKey), JSON.stringify(records), KEEP_MS);
  }
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['at'] === 'number' &&
    typeof record['sentSince'] === 'number' &&
    (record['kind'] === 'message' ||
      record['kind'] === 'menu_click' ||
      record['kind'] === 'subscribe' ||
      record['kind'] === 'scan')
  );
}
