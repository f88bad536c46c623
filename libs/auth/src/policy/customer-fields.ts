/**
 * The field rule of the policy (issue #19): what of a ticket's timeline may reach a customer-facing
 * answer (portal, signed links, outbound webhooks to customers' systems). Internal notes (direction
 * `note`: agents' notes, delivery reports) never do; a direction added later is internal until listed.
 */
export const CUSTOMER_VISIBLE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CustomerVisibleDirection = (typeof CUSTOMER_VISIBLE_DIRECTIONS)[number];

export const isCustomerVisible = (direction: string): direction is CustomerVisibleDirection =>
  (CUSTOMER_VISIBLE_DIRECTIONS as readonly string[]).includes(direction);

/** The SQL condition keeping only customer-visible messages; `column` is the direction column. */
export const customerVisibleMessagesSql = (column: string): string =>
  `${column} IN (${CUSTOMER_VISIBLE_DIRECTIONS.map((d) => `'${d}'`).join(', ')})`;
