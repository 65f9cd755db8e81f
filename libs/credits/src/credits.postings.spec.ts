import { LedgerAccount } from '@app/ledger';
import {
  DEFAULT_FUNDING_ACCOUNT,
  applicationJournal,
  expiryJournal,
  grantJournal,
  restorationJournal,
  voidJournal,
} from './credits.postings';
import { CREDIT_GRANT_TYPES } from './credits.types';

const movement = { id: 'm-1', customerId: 'c-1', currency: 'EUR', amount: 250 };
const sides = (lines: Array<{ account: string; debit?: number; credit?: number }>) =>
  lines.map((l) => `${l.debit ? 'Dr' : 'Cr'} ${l.account} ${l.debit ?? l.credit}`);

describe('credit journals', () => {
  it('balance, and move customer credit the right way', () => {
    expect(sides(grantJournal({ ...movement, fundingAccount: LedgerAccount.CashClearing }).lines)).toEqual([
      'Dr cash_clearing 250',
      'Cr customer_credit 250',
    ]);
    expect(sides(applicationJournal(movement).lines)).toEqual([
      'Dr customer_credit 250',
      'Cr receivables 250',
    ]);
    expect(sides(restorationJournal(movement).lines)).toEqual([
      'Dr receivables 250',
      'Cr customer_credit 250',
    ]);
    expect(sides(voidJournal(movement, LedgerAccount.Discounts).lines)).toEqual([
      'Dr customer_credit 250',
      'Cr discounts 250',
    ]);
  });

  it('send expired credit to discounts, breakage revenue or refunds by grant type', () => {
    const credited = CREDIT_GRANT_TYPES.map((type) => [type, expiryJournal(movement, type).lines[1].account]);
    expect(credited).toEqual([
      ['promotional', 'discounts'],
      ['purchased', 'revenue'],
      ['goodwill', 'discounts'],
      ['refund', 'refunds'],
    ]);
  });

  it('fund grants by type unless told otherwise', () => {
    expect(DEFAULT_FUNDING_ACCOUNT).toEqual({
      promotional: 'discounts',
      goodwill: 'discounts',
      purchased: 'cash_clearing',
      refund: 'refunds',
    });
  });

  it('tag customer-level lines with the customer', () => {
    const lines = applicationJournal(movement).lines;
    expect(lines.every((l) => l.customerId === 'c-1')).toBe(true);
    expect(
      grantJournal({ ...movement, fundingAccount: LedgerAccount.Refunds }).lines[0].customerId,
    ).toBeUndefined();
  });
});
