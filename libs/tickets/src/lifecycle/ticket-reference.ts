/** A ticket named by id (uuid) or by number (SB-000123), within the caller's tenant. */
export type TicketReference =
  { readonly kind: 'id'; readonly id: string } | { readonly kind: 'number'; readonly number: string };
