import { timingSafeEqual, createHash } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * True when the Authorization header carries the operator token, as `Bearer <token>` or as the password of
 * HTTP Basic (so a browser can open the queue dashboard). Compared in constant time.
 */
export function carriesOperatorToken(authorization: string | undefined, token: string | undefined): boolean {
  if (!token || !authorization) return false;
  const [scheme, value = ''] = authorization.split(' ', 2);
  let presented: string | undefined;
  if (scheme.toLowerCase() === 'bearer') presented = value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    presented = decoded.slice(decoded.indexOf(':') + 1);
  }
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}
