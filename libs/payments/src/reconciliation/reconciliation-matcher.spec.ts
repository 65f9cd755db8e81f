import type Stripe from 'stripe';
import { LocalRecord, compare } from './reconciliation-matcher';
import { chargeRecord, mergeRecords, recordOfTransaction } from './stripe-records';

const charge = (overrides: Partial<Stripe.Charge> = {}): Stripe.Charge =>
  ({
    object: 'charge',
    id: 'ch_1',
    payment_intent: 'pi_1',
    amount: 1000,
    amount_refunded: 0,
    currency: 'usd',
    status: 'succeeded',
    disputed: false,
    ...overrides,
  }) as Stripe.Charge;

const txn = (overrides: Partial<Stripe.BalanceTransaction>): Stripe.BalanceTransaction =>
  ({
    object: 'balance_transaction',
    currency: 'usd',
    fee: 59,
    amount: 1000,
    net: 941,
    ...overrides,
  }) as Stripe.BalanceTransaction;

const local = (overrides: Partial<LocalRecord> = {}): LocalRecord => ({
  id: 'local-1',
  objectType: 'payment',
  providerId: 'pi_1',
  amount: 1000,
  currency: 'USD',
  status: 'succeeded',
  fee: 59,
  ...overrides,
});

const kinds = (stripeSide: ReturnType<typeof chargeRecord>, localSide: LocalRecord) =>
  compare(stripeSide, localSide).map((f) => f.kind);

describe('reconciliation matching', () => {
  it('maps a charge to the local statuses that agree with it', () => {
    expect(chargeRecord(charge(), null).acceptedStatuses).toEqual(['succeeded']);
    expect(chargeRecord(charge({ amount_refunded: 1000 }), null).acceptedStatuses).toEqual(['refunded']);
    expect(chargeRecord(charge({ amount_refunded: 1 }), null).acceptedStatuses).toEqual([
      'partially_refunded',
    ]);
    expect(chargeRecord(charge({ disputed: true }), null).acceptedStatuses).toEqual([
      'succeeded',
      'disputed',
    ]);
    expect(chargeRecord(charge({ status: 'pending' }), null).acceptedStatuses).toEqual([
      'pending',
      'processing',
    ]);
  });

  it('a currency mismatch is reported instead of the amount and fee it makes incomparable', () => {
    const stripeSide = chargeRecord(charge(), txn({}));
    expect(kinds(stripeSide, local())).toEqual([]);
    expect(kinds(stripeSide, local({ currency: 'EUR', amount: 5, fee: 1 }))).toEqual(['currency_mismatch']);
    expect(kinds(stripeSide, local({ amount: 5, fee: null, status: 'failed' }))).toEqual([
      'amount_mismatch',
      'status_mismatch',
      'fee_mismatch',
    ]);
  });

  it('does not compare a fee Stripe reports in another (settlement) currency', () => {
    expect(kinds(chargeRecord(charge(), txn({ currency: 'eur', fee: 1 })), local({ fee: null }))).toEqual([]);
  });

  it("keeps the dispute withdrawal's fee when the reversal of the same dispute is listed first", () => {
    const dispute = { object: 'dispute', id: 'dp_1', amount: 1000, currency: 'usd', status: 'won' };
    const reversal = recordOfTransaction(
      txn({
        type: 'adjustment',
        reporting_category: 'dispute_reversal',
        fee: -1500,
        source: dispute as never,
      }),
    )!;
    const withdrawal = recordOfTransaction(
      txn({ type: 'adjustment', reporting_category: 'dispute', fee: 1500, source: dispute as never }),
    )!;
    expect(reversal.fee).toBeNull();
    expect(mergeRecords(reversal, withdrawal)).toMatchObject({
      providerId: 'dp_1',
      fee: 1500,
      status: 'won',
    });
    expect(recordOfTransaction(txn({ type: 'payout', source: 'po_1' }))).toBeNull();
  });
});
