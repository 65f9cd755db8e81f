import { hash } from '@node-rs/argon2';
import { ARGON2_OPTIONS, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at m=19456 KiB, t=2, p=1 and verifies', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(stored, 'Correct horse battery staple')).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('answers false (after the same work) for a missing or malformed hash', async () => {
    expect(await hasher.verify(undefined, 'anything at all')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything at all')).toBe(false);
  });

  it('flags hashes made with weaker parameters for an upgrade', async () => {
    const weak = await hash('password', { ...ARGON2_OPTIONS, memoryCost: 8192, timeCost: 1 });
    expect(hasher.needsRehash(weak)).toBe(true);
  });
});
