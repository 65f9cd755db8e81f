import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret (default 32 bytes = 256 bits) from the CSPRNG. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
