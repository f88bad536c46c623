import { HttpError } from '@switchboard/http';
import { CustomerExceptionCode, type CustomerException } from '@switchboard/tickets';

function statusOf(code: CustomerExceptionCode): number {
  switch (code) {
    case CustomerExceptionCode.CustomerNotFound:
    case CustomerExceptionCode.CompanyNotFound:
    case CustomerExceptionCode.MergeNotFound:
      return 404;
    case CustomerExceptionCode.CompanyNameTaken:
    case CustomerExceptionCode.AlreadyUnmerged:
      return 409;
    case CustomerExceptionCode.InvalidMerge:
      return 422;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped customer exception code: ${String(unmapped)}`);
    }
  }
}

/** The one place customer failures become HTTP answers. */
export function customerHttpError(exception: CustomerException): HttpError {
  return new HttpError(statusOf(exception.code), exception.code, exception.message);
}
