const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A syntactically valid tenant slug; whether the tenant exists is the ticket service's call. */
export function isTenantSlug(value: string): boolean {
  return TENANT_SLUG.test(value);
}

export function submissionsPath(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}/submissions`;
}

export function submissionStatusPath(tenant: string, messageId: string): string {
  return `${submissionsPath(tenant)}/${encodeURIComponent(messageId)}`;
}
