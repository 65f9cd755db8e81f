import { LedgerAccount } from '@app/ledger';
import { GrantCreditInput } from '../credits.types';
import { assertValidApplication, assertValidGrant } from './credit-input';

const NOW = new Date('2026-06-01T00:00:00Z');
const valid: GrantCreditInput = {
  customerId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  currency: 'JPY',
  amount: 500,
  type: 'refund',
  source: 'credit_note',
};

const fieldsOf = (run: () => void): string[] => {
  try {
    run();
    return [];
  } catch (error) {
    return (error as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
  }
};

describe('assertValidGrant', () => {
  it('accepts a valid grant', () => {
    expect(
      fieldsOf(() => assertValidGrant({ ...valid, expiresAt: new Date('2026-06-02T00:00:00Z') }, NOW)),
    ).toEqual([]);
  });

  it('names every rejected field at once', () => {
    const bad = {
      customerId: 'nope',
      currency: 'usd',
      amount: Number.MAX_SAFE_INTEGER + 2,
      type: 'free' as never,
      source: '',
      expiresAt: NOW,
      priority: 1.5,
      fundingAccount: LedgerAccount.CustomerCredit,
    };
    expect(fieldsOf(() => assertValidGrant(bad, NOW))).toEqual([
      'customerId',
      'currency',
      'amount',
      'type',
      'source',
      'expiresAt',
      'priority',
      'fundingAccount',
    ]);
  });

  it('is a 422 invalid_credit_grant', () => {
    expect(() => assertValidGrant({ ...valid, amount: -1 }, NOW)).toThrow(
      expect.objectContaining({ status: 422, code: 'invalid_credit_grant' }),
    );
  });
});

describe('assertValidApplication', () => {
  it('allows zero and refuses negative or fractional maxima', () => {
    const input = {
      invoiceId: valid.customerId,
      customerId: valid.customerId,
      currency: 'EUR',
      maxAmount: 0,
    };
    expect(fieldsOf(() => assertValidApplication(input))).toEqual([]);
    expect(fieldsOf(() => assertValidApplication({ ...input, maxAmount: -1 }))).toEqual(['maxAmount']);
    expect(fieldsOf(() => assertValidApplication({ ...input, maxAmount: 0.5, currency: 'XYZW' }))).toEqual([
      'currency',
      'maxAmount',
    ]);
  });
});
