export type ParamValue = string | Params | ParamValue[];
export interface Params {
  [key: string]: ParamValue;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Decodes Stripe's form encoding (`metadata[a]=1&expand[0]=x&created[gte]=5`) into nested objects, the
 * way the API reads what stripe-node's stringifier writes. Indexed or `[]` keys become arrays.
 */
export function decodeParams(encoded: string): Params {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const path = splitKey(rawKey);
    if (path.some((part) => UNSAFE_KEYS.has(part))) continue;
    assign(root, path, value);
  }
  return toArrays(root) as Params;
}

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const parts = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1]);
  return parts;
}

function assign(root: Record<string, unknown>, path: string[], value: string): void {
  let node = root;
  path.forEach((part, index) => {
    const key = part === '' ? String(Object.keys(node).length) : part;
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
}

function toArrays(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toArrays(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  if (indexed) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  return Object.fromEntries(entries);
}
