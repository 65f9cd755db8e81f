import { idempotencyMismatch } from '../http/errors';
import { Params } from '../http/form-params';
import { Account, StoredResponse } from './account';

/** Same endpoint and same params, whatever the key order: what Stripe compares on a reused key. */
export function requestFingerprint(method: string, path: string, params: Params): string {
  return JSON.stringify([method, path, canonical(params)]);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.keys(value)
    .sort()
    .map((key) => [key, canonical((value as Record<string, unknown>)[key])]);
}

/** The stored answer for a replay; a reused key with other params or another endpoint is `idempotency_error`. */
export function storedResponse(
  account: Account,
  key: string,
  fingerprint: string,
): StoredResponse | undefined {
  const stored = account.idempotency.get(key);
  if (stored && stored.fingerprint !== fingerprint) throw idempotencyMismatch(key);
  return stored;
}
