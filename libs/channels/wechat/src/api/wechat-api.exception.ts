import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum WechatApiExceptionCode {
  /** Network failure, 5xx, "system busy" (-1): retry later. */
  Unavailable = 'wechat_api_unavailable',
  /** 45009 / 45011 (call quota, frequency) still there after the client's backoff: retry later. */
  RateLimited = 'wechat_api_rate_limited',
  /** 45015 / 45047: outside the 48-hour window or its message quota; a template or "undeliverable" is the answer. */
  ReplyWindowClosed = 'wechat_reply_window_closed',
  /** The AppID / secret / IP whitelist is wrong: the tenant's configuration must change. */
  CredentialsRejected = 'wechat_credentials_rejected',
  /** Any other errcode: the request itself is wrong (unknown user, media expired, content refused). */
  Rejected = 'wechat_api_rejected',
}

function kindOf(code: WechatApiExceptionCode): ErrorKind {
  switch (code) {
    // The outbound consumer retries `unavailable` in place (partition paused) and dead-letters the rest.
    case WechatApiExceptionCode.Unavailable:
    case WechatApiExceptionCode.RateLimited:
      return 'unavailable';
    case WechatApiExceptionCode.ReplyWindowClosed:
    case WechatApiExceptionCode.Rejected:
      return 'unprocessable';
    case WechatApiExceptionCode.CredentialsRejected:
      return 'forbidden';
    default:
      return assertUnreachable(code, 'wechat api exception code');
  }
}

/** A call to WeChat's or WeCom's API failed; `errcode` is the platform's, 0 when the failure was ours or HTTP. */
export class WechatApiException extends DomainException<WechatApiExceptionCode> {
  constructor(
    code: WechatApiExceptionCode,
    message: string,
    readonly errcode: number,
  ) {
    super(code, message);
  }

  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

/** The access token is invalid or expired: refresh once (single flight) and repeat the call. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);
/** Quota and frequency limits, and "system busy": back off and repeat. */
export const BACKOFF_ERRCODES: ReadonlySet<number> = new Set([45009, 45011, -1]);
const WINDOW_ERRCODES: ReadonlySet<number> = new Set([45015, 45047]);
/** Invalid AppID / secret / corp id, IP not whitelisted. */
const CREDENTIAL_ERRCODES: ReadonlySet<number> = new Set([40013, 40125, 40164, 41002, 41004, 60020]);

export function apiExceptionOf(errcode: number, errmsg: string, what: string): WechatApiException {
  const message = `${what} failed: ${errcode} ${errmsg.slice(0, 200)}`;
  if (WINDOW_ERRCODES.has(errcode))
    return new WechatApiException(WechatApiExceptionCode.ReplyWindowClosed, message, errcode);
  if (CREDENTIAL_ERRCODES.has(errcode)) {
    return new WechatApiException(WechatApiExceptionCode.CredentialsRejected, message, errcode);
  }
  if (BACKOFF_ERRCODES.has(errcode))
    return new WechatApiException(WechatApiExceptionCode.RateLimited, message, errcode);
  return new WechatApiException(WechatApiExceptionCode.Rejected, message, errcode);
}
