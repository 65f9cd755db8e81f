import { minorUnitExponent } from '@app/core';

/**
 * Stripe's own decimal places per currency (https://docs.stripe.com/currencies): zero-decimal and
 * three-decimal currencies are listed, every other currency has two. They differ from ISO 4217 for a few
 * (ISK is zero-decimal in ISO 4217 but two-decimal at Stripe), so amounts are converted, never assumed equal.
 */
const STRIPE_ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

const stripeExponent = (currency: string): number =>
  STRIPE_ZERO_DECIMAL.has(currency) ? 0 : STRIPE_THREE_DECIMAL.has(currency) ? 3 : 2;

function convert(amount: number, currency: string, shift: number): number {
  const converted = shift >= 0 ? amount * 10 ** shift : amount / 10 ** -shift;
  if (!Number.isSafeInteger(converted))
    throw new RangeError(`${amount} ${currency} has no exact equivalent in the other unit`);
  return converted;
}

/** Our minor units (ISO 4217 exponent) → the integer amount Stripe expects for the currency. */
export const toStripeAmount = (minor: number, currency: string): number =>
  convert(
    minor,
    currency,
    stripeExponent(currency.toUpperCase()) - minorUnitExponent(currency.toUpperCase()),
  );

/** An amount Stripe reports (a fee) → our minor units. */
export const fromStripeAmount = (amount: number, currency: string): number =>
  convert(
    amount,
    currency,
    minorUnitExponent(currency.toUpperCase()) - stripeExponent(currency.toUpperCase()),
  );
