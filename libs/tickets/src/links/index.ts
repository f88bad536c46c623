export { manualLinkKinds, type ManualLinkKind, type StoredLinkKind } from './link-kinds';
export * from './link-tickets.command';
export * from './link-tickets.use-case';
export type { LinkedTicketRow } from './ticket-links.repository';
export * from './ticket-watchers.use-case';
