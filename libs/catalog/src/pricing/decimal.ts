import Decimal from 'decimal.js';

/**
 * The engine's own Decimal: 80 significant digits (far more than a 20-digit quantity times a 12-decimal
 * price needs, so nothing is rounded before the final line amount) and never exponent notation.
 */
export const Dec = Decimal.clone({
  precision: 80,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Dec = Decimal;

const DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal given as a string ("12.5") or a JSON number without exponent (12.5). */
export function parseDecimal(
  value: unknown,
  limits: { integerDigits: number; fractionDigits: number },
): Dec | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  if (whole.replace(/^0+(?=\d)/, '').length > limits.integerDigits) return undefined;
  if (fraction.length > limits.fractionDigits) return undefined;
  return new Dec(text);
}

/** A decimal as a plain string without trailing zeros or exponent: 1.50 → "1.5", 1e-7 → "0.0000001". */
export const toPlain = (value: Dec): string => value.toFixed();
