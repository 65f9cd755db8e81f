import { AppError } from '@app/core';
import { lineAmount } from './line-amounts';

const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.status === 422) return error.errors?.[0]?.field;
    throw error;
  }
  return undefined;
};

describe('lineAmount', () => {
  it('rounds quantity × unitAmount half-up once, in the currency minor unit', () => {
    expect(lineAmount({ kind: 'usage_charge', quantity: '1234.5', unitAmount: '0.0125' }, 'EUR')).toBe(1543);
    expect(lineAmount({ kind: 'usage_charge', quantity: '3', unitAmount: '0.004' }, 'USD')).toBe(1);
    expect(lineAmount({ kind: 'one_off', quantity: '3', unitAmount: '0.5' }, 'JPY')).toBe(2);
    expect(lineAmount({ kind: 'one_off', quantity: '3', unitAmount: '0.0005' }, 'KWD')).toBe(2);
  });

  it('keeps a given amount and lets only prorations be negative', () => {
    expect(lineAmount({ kind: 'one_off', quantity: '1', unitAmount: '10', amount: 999 }, 'EUR')).toBe(999);
    expect(lineAmount({ kind: 'proration', quantity: '1', unitAmount: '-12.5' }, 'EUR')).toBe(-1250);
    expect(lineAmount({ kind: 'proration', quantity: '1', unitAmount: '0', amount: -5 }, 'EUR')).toBe(-5);
  });

  it.each([
    [{ kind: 'one_off', quantity: '1', unitAmount: '1', amount: -1 }, 'lines.0.amount'],
    [{ kind: 'one_off', quantity: '1', unitAmount: '1', amount: 1.5 }, 'lines.0.amount'],
    [{ kind: 'one_off', quantity: '1', unitAmount: '-1' }, 'lines.0.unitAmount'],
    [{ kind: 'one_off', quantity: '-1', unitAmount: '1' }, 'lines.0.quantity'],
    [{ kind: 'one_off', quantity: '1e3', unitAmount: '1' }, 'lines.0.quantity'],
    [{ kind: 'one_off', quantity: '1', unitAmount: '1.0000000000001' }, 'lines.0.unitAmount'],
  ] as const)('refuses %j with a 422 naming %s', (line, field) => {
    expect(fieldOf(() => lineAmount(line, 'EUR', 'lines.0.'))).toBe(field);
  });
});
