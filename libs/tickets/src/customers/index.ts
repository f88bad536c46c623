export * from './customer.exception';
export * from './customer.views';
export * from './identity-claims';
export * from './manage-customers.use-case';
export * from './merge-customers.use-case';
export type { CustomerPatch, CustomerSearch, NewCompany } from './customer.repository';
export * from './customer-sync.writer';
export * from './customer-erasure.writer';
