import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum OrganisationExceptionCode {
  DepartmentNotFound = 'department_not_found',
  TeamNotFound = 'team_not_found',
  UserNotFound = 'user_not_found',
  ApiKeyNotFound = 'api_key_not_found',
  NameTaken = 'name_taken',
  EmailTaken = 'email_taken',
  DepartmentCycle = 'department_cycle',
  InvalidCredentials = 'invalid_credentials',
  AccountLocked = 'account_locked',
  InvalidRefreshToken = 'invalid_refresh_token',
  RefreshTokenReused = 'refresh_token_reused',
  InvalidAccountToken = 'invalid_account_token',
  OidcNotConfigured = 'oidc_not_configured',
}

function kindOf(code: OrganisationExceptionCode): ErrorKind {
  switch (code) {
    case OrganisationExceptionCode.DepartmentNotFound:
    case OrganisationExceptionCode.TeamNotFound:
    case OrganisationExceptionCode.UserNotFound:
    case OrganisationExceptionCode.ApiKeyNotFound:
    case OrganisationExceptionCode.OidcNotConfigured:
      return 'not_found';
    case OrganisationExceptionCode.NameTaken:
    case OrganisationExceptionCode.EmailTaken:
      return 'conflict';
    case OrganisationExceptionCode.DepartmentCycle:
      return 'unprocessable';
    case OrganisationExceptionCode.InvalidCredentials:
    case OrganisationExceptionCode.InvalidRefreshToken:
    case OrganisationExceptionCode.RefreshTokenReused:
    case OrganisationExceptionCode.InvalidAccountToken:
      return 'unauthenticated';
    case OrganisationExceptionCode.AccountLocked:
      return 'rate_limited';
    default:
      return assertUnreachable(code, 'organisation exception code');
  }
}

/** Refusals of organisation administration and of sign-in (departments, teams, users, sessions). */
export class OrganisationException extends DomainException<OrganisationExceptionCode> {
  /** For account_locked: when a new attempt may succeed (the edge sends it as Retry-After). */
  retryAfterSeconds?: number;

  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
