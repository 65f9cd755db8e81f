import { PlanVersionView } from '@app/catalog';
import { SubscriptionUsageResponse } from '@app/usage';
import { BillingPoint, billingLines } from './billing-lines';

const plan = (overrides: Partial<PlanVersionView> = {}): PlanVersionView => ({
  id: 'plan-1',
  orgId: 'org',
  code: 'pro',
  version: 1,
  name: 'Pro',
  description: null,
  currency: 'USD',
  interval: 'month',
  intervalCount: 1,
  baseFee: 4900,
  baseFeeTiming: 'in_advance',
  trialDays: 0,
  minimumCommitment: null,
  charges: [],
  createdAt: new Date(0),
  ...overrides,
});

const usage = (amounts: number[]): SubscriptionUsageResponse => ({
  subscriptionId: 'sub',
  customerId: 'cus',
  planId: 'plan-1',
  period: { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') },
  charges: amounts.map((amount, i) => ({
    chargeId: `charge-${i}`,
    billableMetricId: `metric-${i}`,
    billableMetricCode: `api_calls_${i}`,
    aggregation: 'count',
    fieldName: null,
    filters: i === 1 ? [{ key: 'region', values: ['eu'] }] : [],
    model: 'standard',
    quantity: String(amount === 0 ? 0 : amount * 10),
    eventCount: amount * 10,
    amount,
    exactAmount: (amount / 100).toFixed(2),
    currency: 'USD',
    unitAmount: '0.001',
    breakdown: [],
  })),
  total: { currency: 'USD', amount: amounts.reduce((a, b) => a + b, 0) },
});

const oct = { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') };
const nov = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') };

const point = (overrides: Partial<BillingPoint> = {}): BillingPoint => ({
  closed: { ...oct, plan: plan(), feeWaived: false, usage: usage([1250, 300]) },
  next: { ...nov, plan: plan(), feeWaived: false },
  prorations: [],
  ...overrides,
});

describe('billingLines', () => {
  it('bills the closed period usage and the next period fee in advance', () => {
    const lines = billingLines(point());
    expect(lines.map((l) => [l.kind, l.amount, l.periodStart.toISOString()])).toEqual([
      ['usage_charge', 1250, oct.start.toISOString()],
      ['usage_charge', 300, oct.start.toISOString()],
      ['subscription_fee', 4900, nov.start.toISOString()],
    ]);
    expect(lines[1].description).toBe('api_calls_1 [region=eu]');
    expect(lines[2]).toMatchObject({ quantity: '1', unitAmount: '49.00', discountable: true });
  });

  it('bills a fee in arrears for the closed period, not the next', () => {
    const arrears = plan({ baseFeeTiming: 'in_arrears' });
    const lines = billingLines(
      point({
        closed: { ...oct, plan: arrears, feeWaived: false, usage: usage([]) },
        next: { ...nov, plan: arrears, feeWaived: false },
      }),
    );
    expect(lines.map((l) => [l.kind, l.amount, l.periodEnd.toISOString()])).toEqual([
      ['subscription_fee', 4900, oct.end.toISOString()],
    ]);
  });

  it('waives the fee of a trialing or paused period and skips unused charges', () => {
    const lines = billingLines(
      point({
        closed: { ...oct, plan: plan(), feeWaived: true, usage: usage([0, 0]) },
        next: { ...nov, plan: plan(), feeWaived: true },
      }),
    );
    expect(lines).toEqual([]);
  });

  it('trues up to the minimum commitment from the period fee plus usage', () => {
    const committed = plan({ minimumCommitment: 10_000 });
    const lines = billingLines(
      point({ closed: { ...oct, plan: committed, feeWaived: false, usage: usage([1250, 300]) } }),
    );
    const trueUp = lines.find((l) => l.kind === 'minimum_commitment');
    expect(trueUp).toMatchObject({ amount: 10_000 - 4900 - 1550, discountable: false });
  });

  it('adds no true-up when the period reached its minimum', () => {
    const committed = plan({ minimumCommitment: 5000 });
    const lines = billingLines(
      point({ closed: { ...oct, plan: committed, feeWaived: false, usage: usage([1250]) } }),
    );
    expect(lines.some((l) => l.kind === 'minimum_commitment')).toBe(false);
  });

  it('carries prorations (credits negative) and bills nothing in advance when the subscription ended', () => {
    const lines = billingLines(
      point({
        next: null,
        prorations: [
          {
            kind: 'credit',
            planId: 'old',
            planCode: 'basic',
            currency: 'USD',
            amount: -1000,
            periodStart: '2026-10-15T00:00:00.000Z',
            periodEnd: '2026-11-01T00:00:00.000Z',
            secondsRemaining: 1,
            secondsInPeriod: 2,
          },
        ],
      }),
    );
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['usage_charge', 1250],
      ['usage_charge', 300],
      ['proration', -1000],
    ]);
    expect(lines[2]).toMatchObject({
      unitAmount: '-10.00',
      discountable: false,
      description: 'Unused time on basic',
    });
  });

  it('bills only the first fee in advance at the start of a subscription', () => {
    const lines = billingLines(point({ closed: null }));
    expect(lines.map((l) => l.kind)).toEqual(['subscription_fee']);
  });
});
