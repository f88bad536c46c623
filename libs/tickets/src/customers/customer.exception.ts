import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum CustomerExceptionCode {
  CustomerNotFound = 'customer_not_found',
  CompanyNotFound = 'company_not_found',
  CompanyNameTaken = 'company_name_taken',
  MergeNotFound = 'merge_not_found',
  InvalidMerge = 'invalid_merge',
  AlreadyUnmerged = 'already_unmerged',
}

function kindOf(code: CustomerExceptionCode): ErrorKind {
  switch (code) {
    case CustomerExceptionCode.CustomerNotFound:
    case CustomerExceptionCode.CompanyNotFound:
    case CustomerExceptionCode.MergeNotFound:
      return 'not_found';
    case CustomerExceptionCode.CompanyNameTaken:
    case CustomerExceptionCode.AlreadyUnmerged:
      return 'conflict';
    case CustomerExceptionCode.InvalidMerge:
      return 'unprocessable';
    default:
      return assertUnreachable(code, 'customer exception code');
  }
}

/** A refused customer, company, merge or unmerge request. */
export class CustomerException extends DomainException<CustomerExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
