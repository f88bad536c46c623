import { newId as makeId } from '@switchboard/ids';
import { inTenant, PgErrorCode, pgErrorCode, type Database } from '@switchboard/persistence';
import {
  findCompany,
  findCustomer,
  findCustomerDetail,
  insertCompany,
  listCompanies,
  searchCustomers,
  updateCustomer,
  type CustomerPatch,
  type CustomerSearch,
  type NewCompany,
} from './customer.repository';
import { CustomerException, CustomerExceptionCode } from './customer.exception';
import type { CompanyView, CustomerDetailView, CustomerSummaryView } from './customer.views';

const notFound = (id: string): CustomerException =>
  new CustomerException(CustomerExceptionCode.CustomerNotFound, `No customer ${id}.`);

/**
 * Reading and editing customers and companies of one tenant, each call one tenant-scoped transaction.
 * A tier or region change applies to tickets opened afterwards (tickets copy them when created).
 */
export class ManageCustomersUseCase {
  constructor(
    private readonly db: Database,
    private readonly newId: () => string = makeId,
  ) {}

  async get(tenantId: string, id: string): Promise<CustomerDetailView> {
    const customer = await inTenant(this.db, tenantId, (tx) => findCustomerDetail(tx, tenantId, id));
    if (!customer) throw notFound(id);
    return customer;
  }

  async search(
    tenantId: string,
    search: CustomerSearch,
  ): Promise<{ customers: CustomerSummaryView[]; nextCursor: string | null }> {
    return inTenant(this.db, tenantId, (tx) => searchCustomers(tx, tenantId, search));
  }

  async update(tenantId: string, id: string, patch: CustomerPatch): Promise<CustomerSummaryView> {
    return inTenant(this.db, tenantId, async (tx) => {
      if (patch.companyId && !(await findCompany(tx, tenantId, patch.companyId))) {
        throw new CustomerException(CustomerExceptionCode.CompanyNotFound, `No company ${patch.companyId}.`);
      }
      if (!(await updateCustomer(tx, tenantId, id, patch))) throw notFound(id);
      const customer = await findCustomer(tx, tenantId, id);
      if (!customer) throw notFound(id);
      return customer;
    });
  }

  async createCompany(tenantId: string, company: NewCompany): Promise<CompanyView> {
    try {
      return await inTenant(this.db, tenantId, (tx) => insertCompany(tx, tenantId, this.newId(), company));
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.uniqueViolation) {
        throw new CustomerException(
          CustomerExceptionCode.CompanyNameTaken,
          `A company named "${company.name}" exists.`,
        );
      }
      throw error;
    }
  }

  async listCompanies(tenantId: string): Promise<CompanyView[]> {
    return inTenant(this.db, tenantId, (tx) => listCompanies(tx, tenantId));
  }
}
