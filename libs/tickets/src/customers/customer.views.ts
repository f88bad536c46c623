export interface CompanyView {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly tier: string;
  readonly region: string | null;
  readonly externalId: string | null;
  readonly createdAt: string;
}

export interface CustomerIdentityView {
  readonly kind: string;
  readonly value: string;
  readonly verified: boolean;
}

export interface CustomerMergeView {
  readonly id: string;
  readonly kind: 'merge' | 'unmerge';
  readonly targetCustomerId: string;
  readonly sourceCustomerId: string;
  readonly undoesMergeId: string | null;
  readonly identities: readonly { kind: string; value: string }[];
  readonly ticketIds: readonly string[];
  readonly actorId: string;
  readonly createdAt: string;
}

export interface CustomerSummaryView {
  readonly id: string;
  readonly name: string | null;
  /** The customer's own tier; null when unset (then `effectiveTier` is its company's, else 'standard'). */
  readonly tier: string | null;
  readonly effectiveTier: string;
  readonly region: string | null;
  readonly companyId: string | null;
  readonly mergedIntoId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CustomerDetailView extends CustomerSummaryView {
  readonly company: CompanyView | null;
  readonly identities: readonly CustomerIdentityView[];
  readonly ticketCount: number;
  readonly merges: readonly CustomerMergeView[];
}

/** Who changes customers: an agent (manager or admin for merges) of one tenant. */
export interface CustomerActor {
  readonly tenantId: string;
  readonly agentId: string;
}
