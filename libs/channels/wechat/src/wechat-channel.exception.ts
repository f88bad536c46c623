import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum WechatChannelExceptionCode {
  /** signature / msg_signature does not match: a forged or corrupted callback. */
  SignatureInvalid = 'wechat_signature_invalid',
  /** The timestamp is outside the replay window (or not a number). */
  TimestampStale = 'wechat_timestamp_stale',
  /** The Encrypt field is not AES-256-CBC ciphertext of our key, or its framing is wrong. */
  DecryptFailed = 'wechat_decrypt_failed',
  /** The decrypted message names another AppID / corp id: meant for another account. */
  ReceiverMismatch = 'wechat_receiver_mismatch',
  /** A DOCTYPE, an entity declaration or a processing instruction: never sent by WeChat. */
  XmlRefused = 'wechat_xml_refused',
  XmlMalformed = 'wechat_xml_malformed',
  BodyTooLarge = 'wechat_body_too_large',
  /** The account's configuration cannot work (a key that is not 43 characters, no token). */
  AccountMisconfigured = 'wechat_account_misconfigured',
}

function kindOf(code: WechatChannelExceptionCode): ErrorKind {
  switch (code) {
    case WechatChannelExceptionCode.SignatureInvalid:
    case WechatChannelExceptionCode.TimestampStale:
      return 'unauthenticated';
    case WechatChannelExceptionCode.ReceiverMismatch:
      return 'forbidden';
    case WechatChannelExceptionCode.DecryptFailed:
    case WechatChannelExceptionCode.XmlRefused:
    case WechatChannelExceptionCode.XmlMalformed:
      return 'invalid';
    case WechatChannelExceptionCode.BodyTooLarge:
      return 'payload_too_large';
    case WechatChannelExceptionCode.AccountMisconfigured:
      return 'unprocessable';
    default:
      return assertUnreachable(code, 'wechat channel exception code');
  }
}

/** A callback we refuse: the HTTP edge answers the status of its kind (every one a 4xx) and stores nothing. */
export class WechatChannelException extends DomainException<WechatChannelExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
