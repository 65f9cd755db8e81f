import { LocalDateTime, addDays, addMonthsClamped, fromLocal, toLocal } from './zoned-time';

export const BILLING_INTERVALS = ['week', 'month', 'quarter', 'year'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/** How periods repeat: from `anchor`, every `count` × `interval`, on the calendar of `timeZone`. */
export interface BillingCycle {
  anchor: Date;
  interval: BillingInterval;
  count: number;
  timeZone: string;
}

/** A half-open period `[start, end)`. */
export interface Period {
  start: Date;
  end: Date;
}

const MONTHS: Record<Exclude<BillingInterval, 'week'>, number> = { month: 1, quarter: 3, year: 12 };

/**
 * The start of the k-th period (k = 0 is the anchor; k may be negative). Always computed from the anchor,
 * never from the previous boundary, so a month-end anchor never drifts: Jan 31 → Feb 28 (29) → Mar 31 → Apr
 * 30. The wall-clock time of the anchor is kept on every boundary, so an anchor at local midnight stays at
 * local midnight across DST changes.
 */
export function boundary(cycle: BillingCycle, k: number): Date {
  const local: LocalDateTime = toLocal(cycle.anchor, cycle.timeZone);
  const next =
    cycle.interval === 'week'
      ? addDays(local, 7 * cycle.count * k)
      : addMonthsClamped(local, MONTHS[cycle.interval] * cycle.count * k);
  return fromLocal(next, cycle.timeZone);
}

/** The index of the period containing `at` (negative before the anchor). */
export function periodIndex(cycle: BillingCycle, at: Date): number {
  assertCycle(cycle);
  let k: number;
  if (cycle.interval === 'week') {
    k = Math.floor((at.getTime() - cycle.anchor.getTime()) / (7 * cycle.count * 86_400_000));
  } else {
    const a = toLocal(cycle.anchor, cycle.timeZone);
    const t = toLocal(at, cycle.timeZone);
    const months = (t.year - a.year) * 12 + (t.month - a.month);
    k = Math.floor(months / (MONTHS[cycle.interval] * cycle.count));
  }
  // The estimate is off by at most one or two periods (DST, clamped days); settle it exactly.
  while (boundary(cycle, k).getTime() > at.getTime()) k--;
  while (boundary(cycle, k + 1).getTime() <= at.getTime()) k++;
  return k;
}

/** The period containing `at`. */
export function periodContaining(cycle: BillingCycle, at: Date): Period {
  const k = periodIndex(cycle, at);
  return { start: boundary(cycle, k), end: boundary(cycle, k + 1) };
}

/** `n` consecutive periods starting with the one containing `at`. */
export function periodsFrom(cycle: BillingCycle, at: Date, n: number): Period[] {
  const k = periodIndex(cycle, at);
  return Array.from({ length: n }, (_, i) => ({
    start: boundary(cycle, k + i),
    end: boundary(cycle, k + i + 1),
  }));
}

/** The period after `period` (which must be one of the cycle's). */
export function nextPeriod(cycle: BillingCycle, period: Period): Period {
  return periodContaining(cycle, period.end);
}

function assertCycle(cycle: BillingCycle): void {
  if (!Number.isInteger(cycle.count) || cycle.count < 1)
    throw new RangeError('count must be a positive integer');
  if (!BILLING_INTERVALS.includes(cycle.interval)) throw new RangeError(`unknown interval ${cycle.interval}`);
  if (Number.isNaN(cycle.anchor.getTime())) throw new RangeError('anchor is not a valid instant');
}
