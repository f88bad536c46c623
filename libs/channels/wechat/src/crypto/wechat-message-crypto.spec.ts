import { WechatChannelExceptionCode } from '../wechat-channel.exception';
import { WechatMessageCrypto } from './wechat-message-crypto';
import { verifyWechatSignature, wechatSignature } from './wechat-signature.util';

const at = (unixSeconds: string): Date => new Date(Number(unixSeconds) * 1000);

/** The Official Account platform's reference test (WXBizMsgCryptTest): fixed random prefix → known ciphertext. */
const OA_SAMPLE = {
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  token: 'pamtest',
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

/** WeCom's reference sample (Sample.cs of WXBizMsgCrypt): corp id as the receive id. */
const WECOM_SAMPLE = {
  token: 'QDG6eK',
  corpId: 'wx5823bf96d3bd56c7',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('WechatMessageCrypto', () => {
  it('reproduces the Official Account reference ciphertext and decrypts it back', () => {
    const crypto = new WechatMessageCrypto(OA_SAMPLE.token, OA_SAMPLE.aesKey, OA_SAMPLE.appId);
    expect(crypto.encrypt(OA_SAMPLE.message, Buffer.from(OA_SAMPLE.random))).toBe(OA_SAMPLE.encrypt);
    expect(crypto.decrypt(OA_SAMPLE.encrypt)).toBe(OA_SAMPLE.message);
  });

  it('verifies and decrypts the WeCom reference sample with the corp id as receive id', () => {
    const crypto = new WechatMessageCrypto(WECOM_SAMPLE.token, WECOM_SAMPLE.aesKey, WECOM_SAMPLE.corpId);
    const xml = crypto.open(WECOM_SAMPLE, at(WECOM_SAMPLE.timestamp));
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('refuses the sample for another receive id, a forged signature and a replayed timestamp', () => {
    const other = new WechatMessageCrypto(WECOM_SAMPLE.token, WECOM_SAMPLE.aesKey, 'wx0000000000000000');
    expect(code(() => other.open(WECOM_SAMPLE, at(WECOM_SAMPLE.timestamp)))).toBe(
      WechatChannelExceptionCode.ReceiverMismatch,
    );
    const crypto = new WechatMessageCrypto(WECOM_SAMPLE.token, WECOM_SAMPLE.aesKey, WECOM_SAMPLE.corpId);
    const forged = { ...WECOM_SAMPLE, msgSignature: WECOM_SAMPLE.msgSignature.replace(/^4/, '5') };
    expect(code(() => crypto.open(forged, at(WECOM_SAMPLE.timestamp)))).toBe(
      WechatChannelExceptionCode.SignatureInvalid,
    );
    const tenMinutesLater = at(String(Number(WECOM_SAMPLE.timestamp) + 600));
    expect(code(() => crypto.open(WECOM_SAMPLE, tenMinutesLater))).toBe(WechatChannelExceptionCode.TimestampStale);
  });

  it('round-trips Chinese and emoji and pads every length to 32-byte blocks', () => {
    const crypto = new WechatMessageCrypto('token', 'A'.repeat(43), 'wx1234567890abcdef');
    for (let n = 0; n < 70; n++) {
      const message = `<xml><Content><![CDATA[${'你好👋'.repeat(n)}]]></Content></xml>`;
      const encrypt = crypto.encrypt(message);
      const bytes = Buffer.from(encrypt, 'base64').length;
      expect(bytes % 32).toBe(0);
      expect(crypto.decrypt(encrypt)).toBe(message);
    }
  });

  it('seals a passive reply that opens with its own signature', () => {
    const crypto = new WechatMessageCrypto('token', 'B'.repeat(43), 'wxapp');
    const sealed = crypto.seal('<xml><Content><![CDATA[收到 ✅]]></Content></xml>', '1700000000', 'n0nce');
    expect(crypto.open(sealed, at('1700000010'))).toContain('收到 ✅');
  });

  it('refuses ciphertext that is not ours: garbage, truncated, wrong key', () => {
    const crypto = new WechatMessageCrypto('token', 'C'.repeat(43), 'wxapp');
    const otherKey = new WechatMessageCrypto('token', 'D'.repeat(43), 'wxapp');
    const valid = crypto.encrypt('<xml/>');
    expect(code(() => crypto.decrypt('not base64 at all'))).toBe(WechatChannelExceptionCode.DecryptFailed);
    expect(code(() => crypto.decrypt(valid.slice(0, 20)))).toBe(WechatChannelExceptionCode.DecryptFailed);
    expect(code(() => otherKey.decrypt(valid))).toMatch(/wechat_(decrypt_failed|receiver_mismatch)/);
  });

  it('refuses a key that is not 43 base64 characters', () => {
    expect(code(() => new WechatMessageCrypto('t', 'short', 'wx'))).toBe(
      WechatChannelExceptionCode.AccountMisconfigured,
    );
  });
});

describe('verifyWechatSignature', () => {
  const token = 'tok';
  const timestamp = '1700000000';
  const nonce = '12345';
  const signature = wechatSignature(token, timestamp, nonce);

  it('accepts the sorted SHA-1 signature within the window, in either case', () => {
    expect(() => verifyWechatSignature(token, { signature, timestamp, nonce }, at(timestamp))).not.toThrow();
    const upper = signature.toUpperCase();
    expect(() => verifyWechatSignature(token, { signature: upper, timestamp, nonce }, at(timestamp))).not.toThrow();
  });

  it('refuses a wrong token, a truncated signature, a stale or non-numeric timestamp', () => {
    const now = at(timestamp);
    expect(code(() => verifyWechatSignature('other', { signature, timestamp, nonce }, now))).toBe(
      WechatChannelExceptionCode.SignatureInvalid,
    );
    expect(code(() => verifyWechatSignature(token, { signature: signature.slice(1), timestamp, nonce }, now))).toBe(
      WechatChannelExceptionCode.SignatureInvalid,
    );
    expect(code(() => verifyWechatSignature(token, { signature, timestamp, nonce }, at('1700000301')))).toBe(
      WechatChannelExceptionCode.TimestampStale,
    );
    expect(code(() => verifyWechatSignature(token, { signature, timestamp: '17e8', nonce }, now))).toBe(
      WechatChannelExceptionCode.TimestampStale,
    );
  });
});
