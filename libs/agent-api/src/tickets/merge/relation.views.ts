import type { LinkedTicketRow, TicketWatcher } from '@switchboard/tickets';

export interface TicketLinkView {
  /** What this ticket is of the other one: "child" means the other ticket is its parent. */
  readonly kind: string;
  readonly ticket: { readonly id: string; readonly number: string; readonly status: string };
  readonly createdAt: Date;
}

export interface TicketWatcherView {
  readonly agent: { readonly id: string; readonly name: string; readonly email: string };
  readonly since: Date;
}

export const toLinkViews = (rows: readonly LinkedTicketRow[]): { links: TicketLinkView[] } => ({
  links: rows.map((r) => ({
    kind: r.kind,
    ticket: { id: r.otherTicketId, number: r.otherNumber, status: r.otherStatus },
    createdAt: r.createdAt,
  })),
});

export const toWatcherViews = (rows: readonly TicketWatcher[]): { watchers: TicketWatcherView[] } => ({
  watchers: rows.map((w) => ({ agent: { id: w.agentId, name: w.name, email: w.email }, since: w.since })),
});
