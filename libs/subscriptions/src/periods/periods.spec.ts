import { BillingCycle, boundary, periodContaining, periodsFrom } from './periods';
import { fromLocal, toLocal } from './zoned-time';

const iso = (d: Date) => d.toISOString();
const cycle = (
  anchor: string,
  interval: BillingCycle['interval'],
  timeZone = 'UTC',
  count = 1,
): BillingCycle => ({
  anchor: new Date(anchor),
  interval,
  count,
  timeZone,
});

describe('zoned time', () => {
  it('reads the wall clock of a zone', () => {
    expect(toLocal(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toMatchObject({
      year: 2026,
      month: 3,
      day: 29,
      hour: 1,
      minute: 30,
    });
  });

  it('converts a wall clock back to an instant, on both sides of a DST change', () => {
    const wall = { year: 2026, month: 3, day: 30, hour: 0, minute: 0, second: 0, millisecond: 0 };
    expect(iso(fromLocal(wall, 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(fromLocal({ ...wall, day: 28 }, 'Europe/Berlin'))).toBe('2026-03-27T23:00:00.000Z');
  });

  it('moves a time skipped by spring-forward past the gap, and picks the earlier of a repeated time', () => {
    const gap = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(iso(fromLocal(gap, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    const twice = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(iso(fromLocal(twice, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
  });
});

describe('billing periods', () => {
  it('ends months as Stripe does, from the anchor day, never drifting', () => {
    const c = cycle('2026-01-31T00:00:00Z', 'month');
    expect([0, 1, 2, 3, 4].map((k) => iso(boundary(c, k)).slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
    const leap = cycle('2028-01-31T00:00:00Z', 'month');
    expect(iso(boundary(leap, 1)).slice(0, 10)).toBe('2028-02-29');
    expect(iso(boundary(leap, 2)).slice(0, 10)).toBe('2028-03-31');
  });

  it('finds the period containing an instant, including at and before the anchor', () => {
    const c = cycle('2026-01-31T00:00:00Z', 'month');
    expect(periodContaining(c, new Date('2026-03-15T12:00:00Z'))).toEqual({
      start: new Date('2026-02-28T00:00:00Z'),
      end: new Date('2026-03-31T00:00:00Z'),
    });
    expect(periodContaining(c, new Date('2026-03-31T00:00:00Z')).start).toEqual(
      new Date('2026-03-31T00:00:00Z'),
    );
    expect(periodContaining(c, new Date('2026-01-01T00:00:00Z'))).toEqual({
      start: new Date('2025-12-31T00:00:00Z'),
      end: new Date('2026-01-31T00:00:00Z'),
    });
  });

  it('keeps local midnight across DST in the customer time zone', () => {
    const c = cycle('2026-03-01T00:00:00-05:00', 'month', 'America/New_York');
    const [march, april] = periodsFrom(c, new Date('2026-03-10T12:00:00Z'), 2);
    expect(iso(march.start)).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(march.end)).toBe('2026-04-01T04:00:00.000Z');
    expect(iso(april.end)).toBe('2026-05-01T04:00:00.000Z');
    const weekly = cycle('2026-10-19T00:00:00+02:00', 'week', 'Europe/Berlin');
    expect(iso(boundary(weekly, 1))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('handles quarters, years and counts', () => {
    expect(iso(boundary(cycle('2026-11-30T00:00:00Z', 'quarter'), 1)).slice(0, 10)).toBe('2027-02-28');
    expect(iso(boundary(cycle('2028-02-29T00:00:00Z', 'year'), 1)).slice(0, 10)).toBe('2029-02-28');
    expect(iso(boundary(cycle('2028-02-29T00:00:00Z', 'year'), 4)).slice(0, 10)).toBe('2032-02-29');
    expect(iso(boundary(cycle('2026-01-01T00:00:00Z', 'week', 'UTC', 2), 1)).slice(0, 10)).toBe('2026-01-15');
  });
});
