import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const ALGORITHM = 'scrypt';
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Stored hashes are ours, but a corrupted row must not make one login allocate gigabytes. */
const MAX_MEMORY = 64 * 1_048_576;

/**
 * Checked against when there is no stored hash (unknown agent, no password set), so a failed login
 * costs the same scrypt whether or not the account exists.
 */
const DECOY = { params: { ...COST }, salt: Buffer.alloc(SALT_LENGTH), hash: Buffer.alloc(KEY_LENGTH) };

interface ParsedHash {
  readonly params: ScryptOptions;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

// NFKC: the same password typed through different keyboards or IMEs can arrive in different Unicode forms.
function deriveKey(plain: string, salt: Buffer, params: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize('NFKC'), salt, length, { ...params, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function parseStoredHash(stored: string): ParsedHash | undefined {
  const [algorithm, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (algorithm !== ALGORITHM || rest.length > 0 || !salt || !hash) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isSafeInteger(v) && v > 0)) return undefined;
  const hashBytes = Buffer.from(hash, 'base64url');
  if (hashBytes.length === 0) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: hashBytes };
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url; a fresh random salt every call. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await deriveKey(plain, salt, COST, KEY_LENGTH);
  return [ALGORITHM, COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * True when plain matches stored. A missing or malformed stored hash is false, after spending the
 * same scrypt as a real check.
 */
export async function verifyPassword(plain: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parseStoredHash(stored) : undefined;
  const expected = parsed ?? DECOY;
  const actual = await deriveKey(plain, expected.salt, expected.params, expected.hash.length).catch(() => undefined);
  if (!parsed || !actual) return false;
  return timingSafeEqual(actual, expected.hash);
}
