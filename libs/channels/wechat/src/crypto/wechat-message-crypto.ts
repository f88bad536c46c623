import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WechatChannelException, WechatChannelExceptionCode } from '../wechat-channel.exception';
import {
  DEFAULT_REPLAY_WINDOW_SECONDS,
  assertFreshTimestamp,
  signaturesEqual,
  wechatSignature,
} from './wechat-signature.util';

/** WeChat pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16: the reference SDKs do, and so must we. */
const BLOCK = 32;
const RANDOM_PREFIX = 16;
const LENGTH_FIELD = 4;

export interface EncryptedEnvelope {
  readonly msgSignature: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly encrypt: string;
}

const decryptFailed = (why: string): WechatChannelException =>
  new WechatChannelException(WechatChannelExceptionCode.DecryptFailed, `The message cannot be decrypted: ${why}.`);

function pkcs7Pad(data: Buffer): Buffer {
  const pad = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const pad = data[data.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > data.length) throw decryptFailed('bad padding');
  for (let i = data.length - pad; i < data.length; i++) {
    if (data[i] !== pad) throw decryptFailed('bad padding');
  }
  return data.subarray(0, data.length - pad);
}

/**
 * Safe-mode ("安全模式") message crypto of the Official Account platform and of WeCom, which share the
 * scheme: AES-256-CBC, key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, plaintext =
 * 16 random bytes + 4-byte big-endian length + message + receive id (the AppID, or the corp id for
 * WeCom). The receive id is checked, so one account's key cannot feed another account's messages.
 */
export class WechatMessageCrypto {
  private readonly key: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly receiveId: string,
  ) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
      throw new WechatChannelException(
        WechatChannelExceptionCode.AccountMisconfigured,
        'The EncodingAESKey must be 43 characters of base64.',
      );
    }
    if (token === '') {
      throw new WechatChannelException(WechatChannelExceptionCode.AccountMisconfigured, 'The token is empty.');
    }
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
  }

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return wechatSignature(this.token, timestamp, nonce, encrypt);
  }

  /** `random` is for tests that reproduce a known ciphertext; production always draws 16 fresh bytes. */
  encrypt(message: string, random: Buffer = randomBytes(RANDOM_PREFIX)): string {
    if (random.length !== RANDOM_PREFIX) throw new Error('the random prefix is 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(LENGTH_FIELD);
    length.writeUInt32BE(body.length);
    const plain = pkcs7Pad(Buffer.concat([random, length, body, Buffer.from(this.receiveId, 'utf8')]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  decrypt(encrypt: string): string {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw decryptFailed('not whole AES blocks');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw decryptFailed('AES failed');
    }
    const content = pkcs7Unpad(plain);
    if (content.length < RANDOM_PREFIX + LENGTH_FIELD) throw decryptFailed('too short');
    const length = content.readUInt32BE(RANDOM_PREFIX);
    const start = RANDOM_PREFIX + LENGTH_FIELD;
    if (start + length > content.length) throw decryptFailed('the length field exceeds the content');
    const receiveId = content.subarray(start + length).toString('utf8');
    if (receiveId !== this.receiveId) {
      throw new WechatChannelException(
        WechatChannelExceptionCode.ReceiverMismatch,
        'The message was encrypted for another account.',
      );
    }
    const message = content.subarray(start, start + length);
    const text = message.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(message)) throw decryptFailed('the message is not UTF-8');
    return text;
  }

  /** Checks msg_signature and the replay window, then decrypts: nothing is decrypted before both pass. */
  open(envelope: EncryptedEnvelope, now: Date, windowSeconds: number = DEFAULT_REPLAY_WINDOW_SECONDS): string {
    assertFreshTimestamp(envelope.timestamp, now, windowSeconds);
    const expected = this.signature(envelope.timestamp, envelope.nonce, envelope.encrypt);
    if (!signaturesEqual(expected, envelope.msgSignature)) {
      throw new WechatChannelException(
        WechatChannelExceptionCode.SignatureInvalid,
        'The msg_signature does not match.',
      );
    }
    return this.decrypt(envelope.encrypt);
  }

  /** Encrypts a passive reply (or the WeCom echostr answer) and signs it for the response envelope. */
  seal(message: string, timestamp: string, nonce: string): EncryptedEnvelope {
    const encrypt = this.encrypt(message);
    return { encrypt, timestamp, nonce, msgSignature: this.signature(timestamp, nonce, encrypt) };
  }
}
