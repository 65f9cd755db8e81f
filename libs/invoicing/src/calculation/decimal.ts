import Decimal from 'decimal.js';

/** Decimal for tax and discount arithmetic: enough precision that only the explicit roundings round. */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = Decimal;

/** Half-up (away from zero on .5, so a credit mirrors its charge) to an integer number of minor units. */
export function roundToMinor(value: Dec): number {
  const rounded = value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (!Number.isSafeInteger(rounded))
    throw new RangeError(`${value.toFixed()} is beyond the safe integer range`);
  return rounded === 0 ? 0 : rounded; // never -0
}

const PERCENTAGE = /^\d{1,3}(\.\d{1,4})?$/;

/** A percentage 0..100 with at most 4 decimals ('19', '7.6543'), or undefined when it is not one. */
export function parsePercentage(value: string): Dec | undefined {
  if (!PERCENTAGE.test(value)) return undefined;
  const percentage = new Dec(value);
  return percentage.lte(100) ? percentage : undefined;
}
