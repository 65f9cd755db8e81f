import { PlanVersionView } from '@app/catalog';
import { SubscriptionProrationLine, fromMinorUnits } from '@app/core';
import { SubscriptionUsageResponse } from '@app/usage';

type ChargeUsage = SubscriptionUsageResponse['charges'][number];

/** A line the billing run puts on a subscription invoice (the shape `InvoicesService.createDraft` takes). */
export interface BilledLine {
  kind: 'subscription_fee' | 'usage_charge' | 'proration' | 'minimum_commitment';
  description: string;
  quantity: string;
  unitAmount: string;
  amount: number;
  periodStart: Date;
  periodEnd: Date;
  chargeId?: string | null;
  metricCode?: string | null;
  discountable: boolean;
  metadata?: Record<string, unknown>;
}

export interface PeriodToBill {
  start: Date;
  end: Date;
  plan: PlanVersionView;
  /** Trialing or paused: no base fee. */
  feeWaived: boolean;
}

export interface BillingPoint {
  /** The period that just ended: its arrears fee, usage and minimum true-up. Null at subscription start. */
  closed: (PeriodToBill & { usage: SubscriptionUsageResponse }) | null;
  /** The period that starts: its fee in advance. Null when the subscription ended. */
  next: PeriodToBill | null;
  /** Plan changes made during the closed period, waiting for this invoice. */
  prorations: SubscriptionProrationLine[];
}

const fee = (period: PeriodToBill, timing: string): BilledLine => ({
  kind: 'subscription_fee',
  description: `${period.plan.name} (${timing})`,
  quantity: '1',
  unitAmount: fromMinorUnits(period.plan.baseFee, period.plan.currency),
  amount: period.plan.baseFee,
  periodStart: period.start,
  periodEnd: period.end,
  discountable: true,
});

const chargeLabel = (charge: ChargeUsage): string => {
  if (charge.filters.length === 0) return charge.billableMetricCode;
  const group = charge.filters.map((filter) => `${filter.key}=${filter.values.join('|')}`).join(', ');
  return `${charge.billableMetricCode} [${group}]`;
};

const hasFee = (period: PeriodToBill | null, timing: 'in_advance' | 'in_arrears'): period is PeriodToBill =>
  period !== null && !period.feeWaived && period.plan.baseFee > 0 && period.plan.baseFeeTiming === timing;

/**
 * The lines of the invoice at one billing point, in order: the closed period's fee in arrears, its usage
 * charges (priced once by the catalog engine), its minimum-commitment true-up, the prorations of plan changes,
 * then the next period's fee in advance.
 *
 * The minimum commitment compares with what the closed period cost: its base fee (whichever timing billed it,
 * unless waived) plus its usage charges. Prorations do not count towards it.
 */
export function billingLines(point: BillingPoint): BilledLine[] {
  const lines: BilledLine[] = [];
  const closed = point.closed;
  if (closed) {
    if (hasFee(closed, 'in_arrears')) lines.push(fee(closed, 'in arrears'));
    for (const charge of closed.usage.charges) {
      if (charge.quantity === '0' && charge.amount === 0) continue;
      lines.push({
        kind: 'usage_charge',
        description: chargeLabel(charge),
        quantity: charge.quantity,
        unitAmount: charge.unitAmount,
        amount: charge.amount,
        periodStart: closed.start,
        periodEnd: closed.end,
        chargeId: charge.chargeId,
        metricCode: charge.billableMetricCode,
        discountable: true,
        metadata: { model: charge.model, breakdown: charge.breakdown },
      });
    }
    const minimum = closed.plan.minimumCommitment;
    if (minimum !== null && minimum > 0) {
      const periodFee = closed.feeWaived ? 0 : closed.plan.baseFee;
      const spent = periodFee + closed.usage.total.amount;
      if (spent < minimum) {
        const trueUp = minimum - spent;
        lines.push({
          kind: 'minimum_commitment',
          description: `Minimum commitment true-up (${fromMinorUnits(minimum, closed.plan.currency)} ${closed.plan.currency})`,
          quantity: '1',
          unitAmount: fromMinorUnits(trueUp, closed.plan.currency),
          amount: trueUp,
          periodStart: closed.start,
          periodEnd: closed.end,
          discountable: false,
        });
      }
    }
  }
  for (const proration of point.prorations) {
    lines.push({
      kind: 'proration',
      description: `${proration.kind === 'credit' ? 'Unused time on' : 'Remaining time on'} ${proration.planCode}`,
      quantity: '1',
      unitAmount: fromMinorUnits(proration.amount, proration.currency),
      amount: proration.amount,
      periodStart: new Date(proration.periodStart),
      periodEnd: new Date(proration.periodEnd),
      discountable: false,
      metadata: { secondsRemaining: proration.secondsRemaining, secondsInPeriod: proration.secondsInPeriod },
    });
  }
  if (hasFee(point.next, 'in_advance')) lines.push(fee(point.next, 'in advance'));
  return lines;
}
