import Decimal from 'decimal.js';

const SUPPORTED = new Set(Intl.supportedValuesOf('currency'));

export const isCurrencyCode = (code: string): boolean => /^[A-Z]{3}$/.test(code) && SUPPORTED.has(code);

/** ISO 4217 minor-unit exponent: JPY 0, USD 2, KWD 3. */
export function minorUnitExponent(currency: string): number {
  if (!isCurrencyCode(currency)) throw new RangeError(`Unknown ISO 4217 currency ${currency}`);
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Rounds a decimal amount in major units half-up to an integer number of minor units (once per line). */
export function toMinorUnits(amount: Decimal.Value, currency: string): number {
  const minor = new Decimal(amount)
    .times(new Decimal(10).pow(minorUnitExponent(currency)))
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const value = minor.toNumber();
  if (!Number.isSafeInteger(value))
    throw new RangeError(`Amount ${minor.toString()} is beyond the safe integer range`);
  return value;
}

/** Integer minor units back to a decimal string in major units, e.g. 1999 USD → "19.99". */
export function fromMinorUnits(minor: number, currency: string): string {
  return new Decimal(minor)
    .dividedBy(new Decimal(10).pow(minorUnitExponent(currency)))
    .toFixed(minorUnitExponent(currency));
}
