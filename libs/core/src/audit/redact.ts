import type { AuditChanges } from './audit-log.entity';

/** Field names whose values never reach the audit log (passwords, API keys, TOTP codes, token hashes…). */
export const SECRET_FIELD = /password|secret|token|key|code|hash/i;
export const REDACTED = '[redacted]';

/** Nesting deeper than this is cut off rather than walked (a request body is never legitimately deeper). */
const MAX_DEPTH = 12;

/**
 * A JSON-safe copy of `value` in which every property whose name matches {@link SECRET_FIELD}, at any
 * depth and inside arrays, is replaced by `"[redacted]"`. Dates become ISO strings; functions, symbols and
 * `undefined` are dropped, as JSON would.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object')
    return typeof value === 'function' || typeof value === 'symbol' ? null : value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[key] = SECRET_FIELD.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

/**
 * Redacts a `{ field: { before, after } }` map: a secret field keeps its shape (so the log still shows
 * that it changed) with both sides replaced; other values are redacted recursively.
 */
export function redactChanges(changes: AuditChanges): AuditChanges {
  const out: AuditChanges = {};
  for (const [field, change] of Object.entries(changes)) {
    if (change === undefined || change === null) continue;
    const secret = SECRET_FIELD.test(field);
    const side = (value: unknown) => (secret ? REDACTED : redact(value));
    out[field] = {
      ...('before' in change ? { before: side(change.before) } : {}),
      ...('after' in change ? { after: side(change.after) } : {}),
    };
  }
  return out;
}

/**
 * A request body as changes: each top-level field becomes `{ after: value }` (the request does not know the
 * previous value), redacted. A non-object body (an array, a scalar) is recorded under `body`.
 */
export function changesFromBody(body: unknown): AuditChanges | null {
  if (body === null || body === undefined) return null;
  if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body))
    return { body: { after: redact(body) } };
  const entries = Object.entries(body as Record<string, unknown>).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return null;
  return redactChanges(Object.fromEntries(entries.map(([field, value]) => [field, { after: value }])));
}
