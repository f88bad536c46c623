import { randomUUID } from 'node:crypto';
import type { WechatSharedStore } from '../api/shared-store';
import type { KfApi, WecomCredential } from './kf.api';
import type { KfSyncItem } from './kf-message';

export interface KfPullResult {
  readonly pages: number;
  readonly delivered: number;
  /** Entries seen twice in this pull (sync_msg is at-least-once too). */
  readonly duplicates: number;
  readonly invalid: number;
  /** Another instance was pulling this account: it pulls again for us before it lets go. */
  readonly deferred: boolean;
}

export interface KfSyncPullerOptions {
  /** Longer than one page's handling takes; a crashed holder's lock expires after it. */
  readonly lockTtlMs?: number;
  /** A safety stop for one pull (1000 entries a page). */
  readonly maxPages?: number;
  readonly pageSize?: number;
}

/** Handles one page (publishes its messages); the cursor moves only after it resolved. */
export type KfPageHandler = (items: readonly KfSyncItem[]) => Promise<void>;

/**
 * Pulls a WeCom customer-service account's messages after a callback: from the stored cursor, page by
 * page, saving the cursor after each page was handled (at-least-once: a crash repeats the page, and
 * the msgid-based channel message id makes the repeat a duplicate downstream). One instance pulls an
 * account at a time; a callback arriving meanwhile leaves its token as "pending" and the puller runs
 * again before it stops, so no callback's messages wait for the next one.
 */
export class KfSyncPuller {
  private readonly lockTtlMs: number;
  private readonly maxPages: number;
  private readonly pageSize: number;

  constructor(
    private readonly api: KfApi,
    private readonly store: WechatSharedStore,
    options: KfSyncPullerOptions = {},
  ) {
    this.lockTtlMs = options.lockTtlMs ?? 60_000;
    this.maxPages = options.maxPages ?? 100;
    this.pageSize = options.pageSize ?? 1000;
  }

  cursorKey(corpId: string, openKfId: string): string {
    return `wechat:kf-cursor:${corpId}:${openKfId}`;
  }

  async pull(
    credential: WecomCredential,
    notice: { readonly openKfId: string; readonly syncToken: string },
    handle: KfPageHandler,
  ): Promise<KfPullResult> {
    const base = `wechat:kf-sync:${credential.corpId}:${notice.openKfId}`;
    const totals = { pages: 0, delivered: 0, duplicates: 0, invalid: 0, deferred: false };
    let syncToken = notice.syncToken;
    for (let round = 0; round < 10; round++) {
      const lockId = randomUUID();
      if (!(await this.store.setIfAbsent(`${base}:lock`, lockId, this.lockTtlMs))) {
        await this.store.set(`${base}:pending`, syncToken, this.lockTtlMs);
        if (!(await this.store.setIfAbsent(`${base}:lock`, lockId, this.lockTtlMs)))
          return { ...totals, deferred: true };
      }
      try {
        // Everything up to now is pulled by this round, so an earlier pending notice is served.
        const pending = await this.store.get(`${base}:pending`);
        if (pending !== undefined) {
          await this.store.deleteIfEquals(`${base}:pending`, pending);
          syncToken = pending;
        }
        await this.pages(credential, notice.openKfId, syncToken, handle, totals);
      } finally {
        await this.store.deleteIfEquals(`${base}:lock`, lockId);
      }
      const next = await this.store.get(`${base}:pending`);
      if (next === undefined) break;
      syncToken = next;
    }
    return totals;
  }

  private async pages(
    credential: WecomCredential,
    openKfId: string,
    syncToken: string,
    handle: KfPageHandler,
    totals: { pages: number; delivered: number; duplicates: number; invalid: number },
  ): Promise<void> {
    const cursorKey = this.cursorKey(credential.corpId, openKfId);
    const seen = new Set<string>();
    for (let page = 0; page < this.maxPages; page++) {
      const cursor = await this.store.get(cursorKey);
      const result = await this.api.syncMsg(credential, {
        openKfId,
        syncToken,
        limit: this.pageSize,
        ...(cursor ? { cursor } : {}),
      });
      const fresh: KfSyncItem[] = [];
      for (const item of result.items) {
        if (seen.has(item.msgid)) continue;
        seen.add(item.msgid);
        fresh.push(item);
      }
      if (fresh.length > 0) await handle(fresh);
      if (result.nextCursor) await this.store.set(cursorKey, result.nextCursor);
      totals.pages++;
      totals.delivered += fresh.length;
      totals.duplicates += result.items.length - fresh.length;
      totals.invalid += result.invalid;
      if (!result.hasMore || !result.nextCursor) return;
    }
  }
}
