export enum CustomerExceptionCode {
  CustomerNotFound = 'customer_not_found',
  CompanyNotFound = 'company_not_found',
  CompanyNameTaken = 'company_name_taken',
  MergeNotFound = 'merge_not_found',
  InvalidMerge = 'invalid_merge',
  AlreadyUnmerged = 'already_unmerged',
}

/** A refused customer, company, merge or unmerge request; the agent API maps the code to an HTTP status. */
export class CustomerException extends Error {
  constructor(
    readonly code: CustomerExceptionCode,
    message: string,
  ) {
    super(message);
    this.name = 'CustomerException';
  }
}
