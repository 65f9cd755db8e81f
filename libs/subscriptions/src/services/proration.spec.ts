import { prorate } from './proration';

const plan = (code: string, baseFee: number) => ({ id: `id-${code}`, code, currency: 'EUR', baseFee });
const week = { start: new Date('2026-01-05T00:00:00Z'), end: new Date('2026-01-12T00:00:00Z') };

describe('prorate', () => {
  it('credits the unused fraction of the old fee and charges the new one, by seconds', () => {
    const lines = prorate(plan('basic', 1000), plan('pro', 2500), week, new Date('2026-01-07T00:00:00Z'));
    // 5 of 7 days remain: 1000 × 5/7 = 714.29 → 714; 2500 × 5/7 = 1785.71 → 1786
    expect(lines.map((l) => [l.kind, l.amount, l.secondsRemaining, l.secondsInPeriod])).toEqual([
      ['credit', -714, 432000, 604800],
      ['charge', 1786, 432000, 604800],
    ]);
  });

  it('rounds half-up once per line', () => {
    const lines = prorate(plan('a', 1001), plan('b', 2999), week, new Date('2026-01-08T12:00:00Z'));
    expect(lines.map((l) => l.amount)).toEqual([-501, 1500]); // 500.5 → 501, 1499.5 → 1500
  });

  it('leaves out zero lines and changes at the period end', () => {
    expect(prorate(plan('free', 0), plan('b', 700), week, new Date('2026-01-07T00:00:00Z'))).toHaveLength(1);
    expect(prorate(plan('a', 700), plan('b', 700), week, week.end)).toEqual([]);
  });
});
