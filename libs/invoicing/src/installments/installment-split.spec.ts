import fc from 'fast-check';
import { toMinorUnits } from '@app/core';
import { refit, splitEvenly } from './installment-split';

const DAY_MS = 86_400_000;
const first = new Date('2026-01-10T00:00:00Z');
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('installment split', () => {
  it.each([
    ['10001 over 3 (EUR cents)', 10001, 3, [3334, 3334, 3333]],
    ['1 over 7 (JPY)', toMinorUnits('1', 'JPY'), 7, [1, 0, 0, 0, 0, 0, 0]],
    ['100.001 over 3 (KWD fils)', toMinorUnits('100.001', 'KWD'), 3, [33334, 33334, 33333]],
    ['10 over 4 (BHD fils)', toMinorUnits('0.010', 'BHD'), 4, [3, 3, 2, 2]],
  ])('%s sums exactly, the extra units on the first parts', (_label, total, count, expected) => {
    const parts = splitEvenly(total, count, first, 30);
    expect(parts.map((p) => p.amount)).toEqual(expected);
    expect(parts.map((p) => p.dueAt.getTime())).toEqual(
      Array.from({ length: count }, (_, i) => first.getTime() + i * 30 * DAY_MS),
    );
  });

  it('sums exactly to any total, in any currency, with parts at most one unit apart', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('JPY', 'EUR', 'KWD', 'BHD'),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 366 }),
        (currency, major, count, interval) => {
          const total = toMinorUnits(major / 7, currency);
          const amounts = splitEvenly(total, count, first, interval).map((p) => p.amount);
          expect(amounts).toHaveLength(count);
          expect(sum(amounts)).toBe(total);
          expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
          expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
        },
      ),
    );
  });

  it('refits a plan to a new total exactly, in proportion', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        (amounts, total) => {
          const fitted = refit(amounts, total);
          expect(sum(fitted)).toBe(total);
          fitted.forEach((part, i) => {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(Math.abs(part - (total * amounts[i]) / sum(amounts))).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
