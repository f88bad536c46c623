export { DEMO_PASSWORD, demoTenantSlug } from './demo-tenant.definition';
export { seedDemoTenant, type DemoSeedResult } from './seed-demo-tenant';
export * from './demo.module';
