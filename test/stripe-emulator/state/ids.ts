import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stripe-looking ids (`pi_3Pq…`): a type prefix and 24 random alphanumerics. */
export function newId(prefix: string): string {
  let body = '';
  for (let i = 0; i < 24; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_${body}`;
}

export function newClientSecret(id: string): string {
  return `${id}_secret_${newId('x').slice(2)}`;
}
