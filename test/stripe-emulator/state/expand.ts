import { Account } from './account';

/**
 * Applies Stripe's `expand[]` to a response: each dotted path whose value is an id of this account is
 * replaced by (a copy of) the object. Lists expand through `data.`.
 */
export function expand(account: Account, value: unknown, paths: string[]): unknown {
  if (paths.length === 0) return value;
  const copy = structuredClone(value);
  for (const path of paths) expandPath(account, copy, path.split('.'));
  return copy;
}

function expandPath(account: Account, node: unknown, parts: string[]): void {
  if (typeof node !== 'object' || node === null || parts.length === 0) return;
  if (Array.isArray(node)) {
    node.forEach((item) => expandPath(account, item, parts));
    return;
  }
  const record = node as Record<string, unknown>;
  const [head, ...rest] = parts;
  const current = record[head];
  if (typeof current === 'string') {
    const found = account.find(current);
    if (found) record[head] = structuredClone(found);
  }
  expandPath(account, record[head], rest);
}
