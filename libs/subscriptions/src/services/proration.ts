import Decimal from 'decimal.js';
import type { SubscriptionProrationLine } from '@app/core';

export interface ProrationPlan {
  id: string;
  code: string;
  currency: string;
  /** Minor units per period. */
  baseFee: number;
}

/**
 * The lines of an immediate change of plan at `at` within `[periodStart, periodEnd)`: a credit for the
 * unused fraction of the old base fee and a charge for the same fraction of the new one. The fraction is
 * whole seconds remaining / whole seconds in the period; each line is rounded half-up once, in minor units.
 * A zero line is left out.
 */
export function prorate(
  from: ProrationPlan,
  to: ProrationPlan,
  period: { start: Date; end: Date },
  at: Date,
): SubscriptionProrationLine[] {
  const secondsInPeriod = Math.floor((period.end.getTime() - period.start.getTime()) / 1000);
  const secondsRemaining = Math.floor((period.end.getTime() - at.getTime()) / 1000);
  if (secondsInPeriod <= 0 || secondsRemaining <= 0) return [];
  const fraction = (fee: number) =>
    new Decimal(fee)
      .times(secondsRemaining)
      .dividedBy(secondsInPeriod)
      .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      .toNumber();
  const line = (
    kind: 'credit' | 'charge',
    plan: ProrationPlan,
    amount: number,
  ): SubscriptionProrationLine => ({
    kind,
    planId: plan.id,
    planCode: plan.code,
    currency: plan.currency,
    amount,
    periodStart: at.toISOString(),
    periodEnd: period.end.toISOString(),
    secondsRemaining,
    secondsInPeriod,
  });
  const credit = fraction(from.baseFee);
  const charge = fraction(to.baseFee);
  return [
    ...(credit > 0 ? [line('credit', from, -credit)] : []),
    ...(charge > 0 ? [line('charge', to, charge)] : []),
  ];
}
