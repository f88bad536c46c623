import { hashPassword, verifyPassword } from './password-hash.util';

describe('password hashing', () => {
  it('stores scrypt parameters, salt and hash, and verifies the same password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [algorithm, n, r, p, salt, hash] = stored.split('$');
    expect([algorithm, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64url')).toHaveLength(32);
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
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    await expect(verifyPassword(decomposed, await hashPassword(composed))).resolves.toBe(true);
  });

  it.each([
    ['no hash', null],
    ['empty', ''],
    ['another algorithm', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['missing parts', 'scrypt$16384$8$1$c2FsdA'],
    ['bad cost', 'scrypt$abc$8$1$c2FsdA$aGFzaA'],
    ['cost beyond the memory cap', 'scrypt$1048576$8$1$c2FsdA$aGFzaA'],
  ])('answers false for %s', async (_label, stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });
});
