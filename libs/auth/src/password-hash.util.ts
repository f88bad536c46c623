import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane). The PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) carries its parameters, so raising them later only
 * makes `needsRehash` true for the old hashes.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// @node-rs/argon2 exports Algorithm as a const enum, which isolated-module compilers cannot inline: 2 is Argon2id.
const ARGON2ID = 2;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

/** Today's hashes before issue #19: scrypt, stored as `scrypt$N$r$p$salt$hash`; verified until migrated. */
const LEGACY = 'scrypt';
const SCRYPT_KEY_LENGTH = 32;
/** Stored hashes are ours, but a corrupted row must not make one login allocate gigabytes. */
const SCRYPT_MAX_MEMORY = 64 * 1_048_576;

interface ScryptHash {
  readonly params: ScryptOptions;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

// NFKC: the same password typed through different keyboards or IMEs can arrive in different Unicode forms.
const normalized = (plain: string): string => plain.normalize('NFKC');

function deriveScrypt(plain: string, salt: Buffer, params: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(normalized(plain), salt, length, { ...params, maxmem: SCRYPT_MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function parseScrypt(stored: string): ScryptHash | undefined {
  const [algorithm, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (algorithm !== LEGACY || rest.length > 0 || !salt || !hash) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isSafeInteger(v) && v > 0)) return undefined;
  const hashBytes = Buffer.from(hash, 'base64url');
  if (hashBytes.length === 0) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: hashBytes };
}

async function verifyScrypt(plain: string, parsed: ScryptHash): Promise<boolean> {
  const actual = await deriveScrypt(plain, parsed.salt, parsed.params, parsed.hash.length).catch(() => undefined);
  return actual !== undefined && actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** An argon2id PHC string of the current parameters, with a fresh random salt. */
export function hashPassword(plain: string): Promise<string> {
  return argon2Hash(normalized(plain), { ...ARGON2, algorithm: ARGON2ID, salt: randomBytes(16) });
}

/**
 * Checked against when there is no usable stored hash (unknown agent, no password set), so a failed
 * login costs the same argon2id whether or not the account exists. Made once, on first use.
 */
let decoy: Promise<string> | undefined;
const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('base64url')));

/**
 * True when plain matches stored: argon2id, or a legacy scrypt hash (which `needsRehash` then flags
 * for migration at this login). A missing or malformed stored hash is false, after spending the same
 * argon2id as a real check.
 */
export async function verifyPassword(plain: string, stored: string | null | undefined): Promise<boolean> {
  const legacy = stored ? parseScrypt(stored) : undefined;
  if (legacy) return verifyScrypt(plain, legacy);
  const argon2 = stored?.startsWith('$argon2id$') ? stored : undefined;
  const matches = await argon2Verify(argon2 ?? (await decoyHash()), normalized(plain)).catch(() => false);
  return argon2 !== undefined && matches;
}

/** Whether a verified hash should be replaced by hashPassword's (legacy scrypt, or older argon2 parameters). */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT_PREFIX);
}

/** Today's (pre-argon2id) format, kept so tests can store a hash as it was before the migration. */
export async function legacyScryptHash(plain: string): Promise<string> {
  const params = { N: 16_384, r: 8, p: 1 };
  const salt = randomBytes(16);
  const hash = await deriveScrypt(plain, salt, params, SCRYPT_KEY_LENGTH);
  return [LEGACY, params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}
