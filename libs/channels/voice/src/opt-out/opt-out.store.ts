/** How a number came to be opted out: its own keyword, or Twilio refusing a send with 21610. */
export type OptOutSource = 'keyword' | 'provider';

export interface OptOut {
  readonly tenant: string;
  /** The customer's number, E.164. */
  readonly phone: string;
  readonly source: OptOutSource;
  /** The keyword as sent ("STOP", "退订"), or the provider's code ("21610"). */
  readonly detail: string;
  readonly at: Date;
}

/**
 * Opt-outs per (tenant, customer number). Deliberately wider than Twilio's per-sender scope: a
 * customer who texted STOP to one of a tenant's numbers hears from none of them until START.
 */
export interface OptOutStore {
  /** Idempotent: a second STOP keeps the first record. */
  record(optOut: OptOut): Promise<void>;
  /** Lifts the opt-out (START); true when there was one. */
  lift(tenant: string, phone: string): Promise<boolean>;
  find(tenant: string, phone: string): Promise<OptOut | undefined>;
}

export const OPT_OUT_STORE = Symbol('OPT_OUT_STORE');

/** For unit tests and the embedded demo; the Postgres table comes with the channel app. */
export class InMemoryOptOutStore implements OptOutStore {
  private readonly optOuts = new Map<string, OptOut>();

  private static key(tenant: string, phone: string): string {
    return `${tenant}\u0000${phone}`;
  }

  record(optOut: OptOut): Promise<void> {
    const key = InMemoryOptOutStore.key(optOut.tenant, optOut.phone);
    if (!this.optOuts.has(key)) this.optOuts.set(key, optOut);
    return Promise.resolve();
  }

  lift(tenant: string, phone: string): Promise<boolean> {
    return Promise.resolve(this.optOuts.delete(InMemoryOptOutStore.key(tenant, phone)));
  }

  find(tenant: string, phone: string): Promise<OptOut | undefined> {
    return Promise.resolve(this.optOuts.get(InMemoryOptOutStore.key(tenant, phone)));
  }
}
