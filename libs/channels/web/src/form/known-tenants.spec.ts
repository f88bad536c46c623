import type { PortalAnswer, PublicTenantAnswer } from '../portal/portal-api.client';
import { KnownTenants } from './known-tenants';

function apiAnswering(answers: Record<string, PortalAnswer<PublicTenantAnswer>>) {
  const asked: string[] = [];
  return {
    asked,
    tenant: (slug: string): Promise<PortalAnswer<PublicTenantAnswer>> => {
      asked.push(slug);
      return Promise.resolve(answers[slug] ?? { ok: false, failure: 'not_found' });
    },
  };
}

describe('KnownTenants', () => {
  it('says whether a tenant exists and remembers each answer for its own time', async () => {
    let now = 0;
    const api = apiAnswering({ acme: { ok: true, value: { slug: 'acme', name: 'Acme' } } });
    const tenants = new KnownTenants(api, { knownTtlMs: 1_000, unknownTtlMs: 100, now: () => now });
    expect(await tenants.exists('acme')).toBe(true);
    expect(await tenants.exists('nobody')).toBe(false);
    now = 500;
    expect(await tenants.exists('acme')).toBe(true);
    expect(await tenants.exists('nobody')).toBe(false);
    expect(api.asked).toEqual(['acme', 'nobody', 'nobody']);
  });

  it('serves the form when the API cannot answer, and asks again next time', async () => {
    const api = apiAnswering({ acme: { ok: false, failure: 'unavailable' } });
    const tenants = new KnownTenants(api);
    expect(await tenants.exists('acme')).toBe(true);
    expect(await tenants.exists('acme')).toBe(true);
    expect(api.asked).toEqual(['acme', 'acme']);
  });

  it('remembers at most its capacity of slugs, forgetting the oldest', async () => {
    const api = apiAnswering({});
    const tenants = new KnownTenants(api, { capacity: 2 });
    for (const slug of ['a', 'b', 'c', 'a']) await tenants.exists(slug);
    expect(api.asked).toEqual(['a', 'b', 'c', 'a']);
  });
});
