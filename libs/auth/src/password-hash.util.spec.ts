import { hashPassword, legacyScryptHash, needsRehash, verifyPassword } from './password-hash.util';

describe('password hashing', () => {
  it('stores argon2id with its parameters and verifies the same password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(stored)).toBe(false);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
  });

  it('rejects a wrong password', async () => {
    const stored = await hashPassword('switchboard');
    await expect(verifyPassword('Switchboard', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
  });

  it('treats the Unicode forms of one password alike', async () => {
    await expect(verifyPassword('cafe\u0301', await hashPassword('caf\u00e9'))).resolves.toBe(true);
  });

  it("still verifies today's scrypt hashes, and flags them for migration", async () => {
    const legacy = await legacyScryptHash('old password');
    expect(legacy.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    await expect(verifyPassword('old password', legacy)).resolves.toBe(true);
    await expect(verifyPassword('other password', legacy)).resolves.toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('flags argon2 hashes of older parameters for a rehash', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
  });

  it.each([
    ['no hash', null],
    ['empty', ''],
    ['another algorithm', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['argon2i, not argon2id', '$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA'],
    ['missing parts', 'scrypt$16384$8$1$c2FsdA'],
    ['bad cost', 'scrypt$abc$8$1$c2FsdA$aGFzaA'],
    ['cost beyond the memory cap', 'scrypt$1048576$8$1$c2FsdA$aGFzaA'],
  ])('answers false for %s', async (_label, stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });
});
