/** The admin making a change: every change is scoped to their tenant and audited under their id. */
export interface AdminActor {
  readonly id: string;
  readonly tenantId: string;
}
