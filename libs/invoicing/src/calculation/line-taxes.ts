import { allocateProportionally } from './allocation';
import { Dec, parsePercentage, roundToMinor } from './decimal';
import { LineTaxResult, TaxRateInput } from './invoice-calculation.types';

/** Ten-thousandths of a percent: the integer weights inclusive tax is split by. */
const PERCENT_SCALE = 10_000;

export interface LineTaxes {
  /** The amount the rates apply to, excluding every tax. */
  base: number;
  taxes: LineTaxResult[];
}

/**
 * Taxes of one line whose amount after discounts is `amount`. Inclusive rates: the amount contains them, so
 * base = round-half-up(amount / (1 + Σ inclusive / 100)) and their tax is amount − base, split over the
 * inclusive rates in proportion to their percentages (largest remainder). Exclusive rates: each is
 * round-half-up(base × rate / 100) on the same base; rates never compound. A rate listed twice counts once.
 */
export function taxLine(amount: number, rates: readonly TaxRateInput[]): LineTaxes {
  const unique = [...new Map(rates.map((rate) => [rate.taxRateId, rate])).values()];
  const percentages = new Map(unique.map((rate) => [rate.taxRateId, percentageOf(rate)]));
  const inclusive = unique.filter((rate) => rate.inclusive);
  const inclusivePercent = inclusive.reduce(
    (sum, rate) => sum.plus(percentages.get(rate.taxRateId)!),
    new Dec(0),
  );
  const base = roundToMinor(new Dec(amount).div(inclusivePercent.div(100).plus(1)));
  const inclusiveTaxes = splitInclusive(
    amount - base,
    inclusive.map((rate) => percentages.get(rate.taxRateId)!),
  );
  const taxes = unique.map((rate): LineTaxResult => {
    const amountOfTax = rate.inclusive
      ? inclusiveTaxes[inclusive.indexOf(rate)]
      : roundToMinor(new Dec(base).times(percentages.get(rate.taxRateId)!).div(100));
    return {
      taxRateId: rate.taxRateId,
      name: rate.name,
      percentage: rate.percentage,
      inclusive: rate.inclusive,
      taxableAmount: base,
      amount: amountOfTax,
    };
  });
  return { base, taxes };
}

function splitInclusive(tax: number, percentages: Dec[]): number[] {
  const weights = percentages.map((p) => p.times(PERCENT_SCALE).toNumber());
  if (tax === 0 || weights.every((w) => w === 0)) return percentages.map(() => 0);
  const parts = allocateProportionally(Math.abs(tax), weights);
  return tax < 0 ? parts.map((part) => 0 - part) : parts;
}

function percentageOf(rate: TaxRateInput): Dec {
  const percentage = parsePercentage(rate.percentage);
  if (!percentage)
    throw new RangeError(`percentage of tax rate ${rate.taxRateId} must be 0..100, ≤ 4 decimals`);
  return percentage;
}
