export enum AuthExceptionCode {
  InvalidToken = 'invalid_token',
  TokenExpired = 'token_expired',
  InvalidCredentials = 'invalid_credentials',
}

/** A failed authentication; callers map the code to their transport (HTTP 401, a closed socket...). */
export class AuthException extends Error {
  constructor(
    readonly code: AuthExceptionCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthException';
  }
}
