import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box';

const newBox = () => new SecretBox({ DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') });

/** Flips one bit of the part at `index` (1 = IV, 2 = tag, 3 = ciphertext). */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('SecretBox', () => {
  const box = newBox();
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('round-trips a value, in the versioned format, without the plaintext in it', () => {
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed)).toBe(secret);
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('clé ✓'))).toBe('clé ✓');
  });

  it('uses a fresh IV for every value', () => {
    const a = box.seal(secret);
    const b = box.seal(secret);
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it.each([
    ['IV', 1],
    ['tag', 2],
    ['ciphertext', 3],
  ])('refuses a value whose %s was altered', (_part, index) => {
    expect(() => box.open(tamper(box.seal(secret), index))).toThrow(SecretBoxError);
    expect(() => box.open(tamper(box.seal(secret), index))).toThrow(/altered|malformed/);
  });

  it('refuses a value sealed with another key', () => {
    expect(() => newBox().open(box.seal(secret))).toThrow(
      'Cannot decrypt: the value was altered, or encrypted with another DATA_ENCRYPTION_KEY or context.',
    );
  });

  it('binds the context: a value moved to another row does not decrypt', () => {
    const sealed = box.seal(secret, 'users.totp_secret:user-a');
    expect(box.open(sealed, 'users.totp_secret:user-a')).toBe(secret);
    expect(() => box.open(sealed, 'users.totp_secret:user-b')).toThrow(SecretBoxError);
  });

  it('refuses an unknown version and malformed values', () => {
    const [, iv, tag, ciphertext] = box.seal(secret).split(':');
    expect(() => box.open(`v2:${iv}:${tag}:${ciphertext}`)).toThrow(
      'Cannot decrypt: unknown format (expected a "v1:" value).',
    );
    expect(() => box.open(secret)).toThrow(/unknown format/);
    expect(() => box.open(`v1:${iv}:${tag}`)).toThrow('Cannot decrypt: malformed value.');
    expect(() => box.open(`v1:${iv}:${tag.slice(2)}:${ciphertext}`)).toThrow(
      'Cannot decrypt: malformed value.',
    );
    expect(() => box.open(`v1:${iv}:${tag}:${ciphertext}!`)).toThrow('Cannot decrypt: malformed value.');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox({ DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(
      'DATA_ENCRYPTION_KEY must be 32 random bytes in base64.',
    );
  });
});
