import { allocateProportionally } from './allocation';
import { Dec, parsePercentage, roundToMinor } from './decimal';
import { DiscountInput, LineInput } from './invoice-calculation.types';

export interface LineDiscount {
  appliedCouponId: string;
  amount: number;
}

/**
 * The discounts of every line, in the order the discounts are given: each applies to what the previous ones
 * left. Only discountable lines with a positive amount take part, and no line goes below zero.
 */
export function discountLines(
  lines: readonly LineInput[],
  discounts: readonly DiscountInput[],
): LineDiscount[][] {
  const remaining = lines.map((line) => (line.discountable && line.amount > 0 ? line.amount : 0));
  const perLine: LineDiscount[][] = lines.map(() => []);
  for (const discount of discounts) {
    const parts =
      discount.kind === 'percent' ? percentParts(discount, remaining) : fixedParts(discount, remaining);
    parts.forEach((amount, i) => {
      if (amount <= 0) return;
      perLine[i].push({ appliedCouponId: discount.appliedCouponId, amount });
      remaining[i] -= amount;
    });
  }
  return perLine;
}

/** round-half-up(remaining × pct / 100) per line; pct ≤ 100 keeps it within the remaining amount. */
function percentParts(discount: DiscountInput, remaining: readonly number[]): number[] {
  const percent = parsePercentage(discount.percentOff ?? '');
  if (!percent) throw new RangeError(`percentOff of ${discount.appliedCouponId} must be a percentage 0..100`);
  return remaining.map((amount) => Math.min(amount, roundToMinor(new Dec(amount).times(percent).div(100))));
}

/** min(amountOff, Σ remaining) spread over the lines in proportion to what remains of them. */
function fixedParts(discount: DiscountInput, remaining: readonly number[]): number[] {
  const amountOff = discount.amountOff ?? -1;
  if (!Number.isSafeInteger(amountOff) || amountOff < 0)
    throw new RangeError(`amountOff of ${discount.appliedCouponId} must be a non-negative integer`);
  const discountable = remaining.reduce((sum, amount) => sum + amount, 0);
  if (discountable === 0) return remaining.map(() => 0);
  return allocateProportionally(Math.min(amountOff, discountable), remaining);
}
