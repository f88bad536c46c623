import { randomUUID } from 'node:crypto';
import type { WechatSharedStore } from './shared-store';
import { tokenKeyOf, type WechatCredential } from './wechat-credential';
import { WechatApiException, WechatApiExceptionCode } from './wechat-api.exception';

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/** Calls the token endpoint (the API client's job); the provider decides when. */
export type TokenIssuer = (credential: WechatCredential) => Promise<IssuedToken>;

export interface AccessTokenProviderOptions {
  /** Refresh this long before the platform's expiry (tokens live 7200 s). */
  readonly refreshBeforeMs?: number;
  /** How long a refreshing instance holds the lock; others wait at most this long for its token. */
  readonly lockTtlMs?: number;
  /** How often a waiting instance looks for the new token. */
  readonly pollMs?: number;
  readonly now?: () => number;
}

interface CachedToken {
  readonly token: string;
  /** When to replace it: the refresh margin before expiry, or half its life for short-lived tokens. */
  readonly refreshAt: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Access tokens cached in the shared store and refreshed once (single flight) by one instance for all:
 * each call to the token endpoint invalidates the token the other instances hold, and the endpoint
 * has a daily quota. Refreshed before expiry, and when the API says the token is bad (40001, 40014,
 * 42001) — but only if the cache still holds that bad token, so a burst of failures refreshes once.
 */
export class AccessTokenProvider {
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly refreshBeforeMs: number;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: WechatSharedStore,
    private readonly issue: TokenIssuer,
    options: AccessTokenProviderOptions = {},
  ) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.pollMs = options.pollMs ?? 50;
    this.now = options.now ?? Date.now;
  }

  /** A token valid for a while yet: the cached one, or a fresh one (one refresh at a time across instances). */
  async token(credential: WechatCredential): Promise<string> {
    const cached = await this.read(credential);
    if (cached && cached.refreshAt > this.now()) return cached.token;
    return this.refresh(credential, cached?.token);
  }

  /** The API refused `badToken`: replace it, unless another caller already did. */
  async invalidate(credential: WechatCredential, badToken: string): Promise<string> {
    const cached = await this.read(credential);
    if (cached && cached.token !== badToken) return cached.token;
    return this.refresh(credential, badToken);
  }

  private refresh(credential: WechatCredential, staleToken: string | undefined): Promise<string> {
    const key = tokenKeyOf(credential);
    const running = this.inFlight.get(key);
    if (running) return running;
    const flight = this.refreshShared(credential, staleToken).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  private async refreshShared(credential: WechatCredential, staleToken: string | undefined): Promise<string> {
    const key = tokenKeyOf(credential);
    const deadline = this.now() + 3 * this.lockTtlMs;
    while (this.now() < deadline) {
      const lockId = randomUUID();
      if (await this.store.setIfAbsent(`${key}:lock`, lockId, this.lockTtlMs)) {
        try {
          // Another instance may have refreshed between our read and our lock.
          const cached = await this.read(credential);
          if (cached && cached.token !== staleToken && cached.refreshAt > this.now()) {
            return cached.token;
          }
          const issued = await this.issue(credential);
          const ttlMs = issued.expiresInSeconds * 1000;
          const refreshIn = Math.max(ttlMs - this.refreshBeforeMs, ttlMs / 2);
          const value: CachedToken = { token: issued.accessToken, refreshAt: this.now() + refreshIn };
          await this.store.set(key, JSON.stringify(value), ttlMs);
          return issued.accessToken;
        } finally {
          await this.store.deleteIfEquals(`${key}:lock`, lockId);
        }
      }
      await sleep(this.pollMs);
      const cached = await this.read(credential);
      if (cached && cached.token !== staleToken && cached.refreshAt > this.now()) {
        return cached.token;
      }
    }
    throw new WechatApiException(
      WechatApiExceptionCode.Unavailable,
      'No access token: another instance held the refresh lock too long.',
      0,
    );
  }

  private async read(credential: WechatCredential): Promise<CachedToken | undefined> {
    const raw = await this.store.get(tokenKeyOf(credential));
    if (raw === undefined) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<CachedToken>;
      return typeof parsed.token === 'string' && typeof parsed.refreshAt === 'number'
        ? { token: parsed.token, refreshAt: parsed.refreshAt }
        : undefined;
    } catch {
      return undefined;
    }
  }
}
