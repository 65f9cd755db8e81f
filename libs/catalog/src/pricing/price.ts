import { isCurrencyCode, minorUnitExponent } from '@app/core';
import { Dec, parseDecimal, toPlain } from './decimal';
import {
  ChargeDefinition,
  PackageProperties,
  PercentageProperties,
  PriceBreakdownLine,
  PriceResult,
  StandardProperties,
  TieredProperties,
  Usage,
} from './charge-models';
import { PricingError, QUANTITY_LIMITS, assertValidCharge } from './validate';

const UNIT_AMOUNT_DECIMALS = 12;
const ZERO = new Dec(0);

interface Exact {
  breakdown: PriceBreakdownLine[];
}

const line = (
  values: Omit<PriceBreakdownLine, 'units' | 'unitAmount' | 'flatAmount' | 'amount'> & {
    units: Dec;
    unitAmount: Dec;
    flatAmount?: Dec;
  },
): PriceBreakdownLine => {
  const flat = values.flatAmount ?? ZERO;
  return {
    ...values,
    units: toPlain(values.units),
    unitAmount: toPlain(values.unitAmount),
    flatAmount: toPlain(flat),
    amount: toPlain(values.units.times(values.unitAmount).plus(flat)),
  };
};

function standard(p: StandardProperties, q: Dec): Exact {
  return {
    breakdown: [
      line({
        tier: null,
        from: null,
        to: null,
        units: q,
        unitAmount: new Dec(p.unitAmount),
        description: 'units × unit price',
      }),
    ],
  };
}

/** Each tier prices the units that fall in it; a tier's flat amount is due once any unit falls in it. */
function graduated(p: TieredProperties, q: Dec): Exact {
  const breakdown: PriceBreakdownLine[] = [];
  p.tiers.forEach((tier, i) => {
    const from = new Dec(tier.from);
    if (!q.greaterThan(from)) return;
    const top = tier.upTo === null ? q : Dec.min(q, tier.upTo);
    breakdown.push(
      line({
        tier: i,
        from: tier.from,
        to: tier.upTo,
        units: top.minus(from),
        unitAmount: new Dec(tier.unitAmount),
        flatAmount: new Dec(tier.flatAmount),
        description: `tier ${i + 1}`,
      }),
    );
  });
  return { breakdown };
}

/** Every unit is priced at the tier the quantity reaches (from < q ≤ upTo), plus that tier's flat amount. */
function volume(p: TieredProperties, q: Dec): Exact {
  if (q.isZero()) return { breakdown: [] };
  const i = p.tiers.findIndex((t) => t.upTo === null || q.lessThanOrEqualTo(t.upTo));
  const tier = p.tiers[i];
  return {
    breakdown: [
      line({
        tier: i,
        from: tier.from,
        to: tier.upTo,
        units: q,
        unitAmount: new Dec(tier.unitAmount),
        flatAmount: new Dec(tier.flatAmount),
        description: `all units at tier ${i + 1}`,
      }),
    ],
  };
}

/** ceil((q − freeUnits) / packageSize) blocks at `amount` each; the free units come first. */
function packaged(p: PackageProperties, q: Dec): Exact {
  const free = Dec.min(q, p.freeUnits);
  const billable = q.minus(free);
  const blocks = billable.dividedBy(p.packageSize).toDecimalPlaces(0, Dec.ROUND_CEIL);
  const breakdown: PriceBreakdownLine[] = [];
  if (free.greaterThan(0))
    breakdown.push(
      line({
        tier: null,
        from: '0',
        to: String(p.freeUnits),
        units: free,
        unitAmount: ZERO,
        description: 'free units',
      }),
    );
  if (billable.greaterThan(0))
    breakdown.push(
      line({
        tier: null,
        from: String(p.freeUnits),
        to: null,
        units: blocks,
        unitAmount: new Dec(p.amount),
        description: `${toPlain(blocks)} package(s) of ${p.packageSize} units for ${toPlain(billable)} units`,
      }),
    );
  return { breakdown };
}

/**
 * rate % of the summed value, plus `fixedAmount` per event. With a per-event minimum or maximum, each
 * event's fee (rate × value + fixedAmount) is clamped to [min, max]; the difference is its own line.
 */
function percentage(p: PercentageProperties, q: Dec, usage: Usage): Exact {
  const rate = new Dec(p.rate).dividedBy(100);
  const fixed = p.fixedAmount ? new Dec(p.fixedAmount) : ZERO;
  const clamps = p.perEventMinAmount !== undefined || p.perEventMaxAmount !== undefined;
  const needsCount = fixed.greaterThan(0) || clamps;
  const errors: { field: string; message: string }[] = [];
  let count = usage.eventCount;
  let values: Dec[] | undefined;
  if (clamps) {
    values = (usage.eventValues ?? []).map((v, i) => {
      const parsed = parseDecimal(v, QUANTITY_LIMITS);
      if (!parsed) errors.push({ field: `eventValues[${i}]`, message: 'must be a non-negative decimal' });
      return parsed ?? ZERO;
    });
    if (!usage.eventValues)
      errors.push({ field: 'eventValues', message: 'is required with a per-event minimum or maximum' });
    else if (errors.length === 0 && !values.reduce((s, v) => s.plus(v), ZERO).equals(q))
      errors.push({ field: 'eventValues', message: 'must add up to quantity' });
    if (count !== undefined && usage.eventValues && count !== usage.eventValues.length)
      errors.push({ field: 'eventCount', message: 'must equal the number of eventValues' });
    count = usage.eventValues?.length ?? 0;
  }
  if (needsCount && (count === undefined || !Number.isSafeInteger(count) || count < 0))
    errors.push({ field: 'eventCount', message: 'is required (a non-negative integer) with a fixed fee' });
  if (errors.length > 0) throw new PricingError(errors);
  const events = new Dec(count ?? 0);

  const breakdown = [
    line({
      tier: null,
      from: null,
      to: null,
      units: q,
      unitAmount: rate,
      description: `${p.rate} % of the value`,
    }),
  ];
  if (fixed.greaterThan(0))
    breakdown.push(
      line({
        tier: null,
        from: null,
        to: null,
        units: events,
        unitAmount: fixed,
        description: 'fixed fee per event',
      }),
    );
  if (values) {
    const min = p.perEventMinAmount !== undefined ? new Dec(p.perEventMinAmount) : undefined;
    const max = p.perEventMaxAmount !== undefined ? new Dec(p.perEventMaxAmount) : undefined;
    let adjustment = ZERO;
    let adjusted = 0;
    for (const value of values) {
      const fee = value.times(rate).plus(fixed);
      let clamped = fee;
      if (min && clamped.lessThan(min)) clamped = min;
      if (max && clamped.greaterThan(max)) clamped = max;
      if (!clamped.equals(fee)) {
        adjusted++;
        adjustment = adjustment.plus(clamped.minus(fee));
      }
    }
    if (adjusted > 0)
      breakdown.push(
        line({
          tier: null,
          from: null,
          to: null,
          units: new Dec(adjusted),
          unitAmount: ZERO,
          flatAmount: adjustment,
          description: `per-event minimum/maximum applied to ${adjusted} event(s)`,
        }),
      );
  }
  return { breakdown };
}

/** Rounds an exact major-unit amount half-up to integer minor units of `currency` (once per line). */
export function roundToMinorUnits(exact: Dec, currency: string): number {
  const minor = exact
    .times(new Dec(10).pow(minorUnitExponent(currency)))
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  const value = minor.toNumber();
  if (!Number.isSafeInteger(value))
    throw new PricingError([{ field: 'amount', message: 'is beyond the safe integer range' }]);
  return value;
}

/**
 * Prices one charge for one period's usage. Pure: validates the charge (throws PricingError naming the
 * field), computes every line at full precision with decimal.js and rounds the total half-up to the
 * currency's minor unit once.
 */
export function priceCharge(
  charge: { model: unknown; properties: unknown },
  usage: Usage,
  currency: string,
): PriceResult {
  const definition: ChargeDefinition = assertValidCharge(charge.model, charge.properties);
  if (!isCurrencyCode(currency))
    throw new PricingError([{ field: 'currency', message: 'must be an ISO 4217 currency code, e.g. "EUR"' }]);
  const q = parseDecimal(usage.quantity, QUANTITY_LIMITS);
  if (!q)
    throw new PricingError([
      {
        field: 'quantity',
        message: 'must be a non-negative decimal string with at most 20 integer digits and 20 decimals',
      },
    ]);
  let exact: Exact;
  switch (definition.model) {
    case 'standard':
      exact = standard(definition.properties, q);
      break;
    case 'graduated':
      exact = graduated(definition.properties, q);
      break;
    case 'volume':
      exact = volume(definition.properties, q);
      break;
    case 'package':
      exact = packaged(definition.properties, q);
      break;
    case 'percentage':
      exact = percentage(definition.properties, q, usage);
      break;
  }
  const total = exact.breakdown.reduce((sum, l) => sum.plus(l.amount), ZERO);
  return {
    currency,
    amount: roundToMinorUnits(total, currency),
    exactAmount: toPlain(total),
    quantity: toPlain(q),
    unitAmount: q.isZero()
      ? '0'
      : toPlain(total.dividedBy(q).toDecimalPlaces(UNIT_AMOUNT_DECIMALS, Dec.ROUND_HALF_UP)),
    breakdown: exact.breakdown,
  };
}
