import { LedgerAccount } from '@app/ledger';
import { finalizedJournal, uncollectibleJournal, voidedJournal } from './invoice-journals';

const invoice = {
  id: 'inv-1',
  customerId: 'cus-1',
  currency: 'EUR',
  number: 'INV-2030-000001',
  subtotal: 10_000,
  discountTotal: 1_000,
  taxTotal: 1_710,
  total: 10_710,
};
const at = new Date('2030-01-01T00:00:00Z');
const sum = (lines: { debit?: number; credit?: number }[], side: 'debit' | 'credit') =>
  lines.reduce((s, l) => s + (l[side] ?? 0), 0);

describe('invoice journals', () => {
  it('posts receivables and discounts against revenue and tax, balanced', () => {
    const j = finalizedJournal(invoice, at)!;
    expect(j).toMatchObject({ kind: 'invoice_finalized', sourceType: 'invoice', sourceId: 'inv-1' });
    expect(j.lines).toEqual([
      { account: LedgerAccount.Receivables, customerId: 'cus-1', debit: 10_710 },
      { account: LedgerAccount.Discounts, debit: 1_000 },
      { account: LedgerAccount.Revenue, credit: 10_000 },
      { account: LedgerAccount.TaxPayable, credit: 1_710 },
    ]);
    expect(sum(j.lines, 'debit')).toBe(sum(j.lines, 'credit'));
  });

  it('leaves out zero lines and posts nothing for a zero invoice', () => {
    const plain = finalizedJournal({ ...invoice, discountTotal: 0, taxTotal: 0, total: 10_000 }, at)!;
    expect(plain.lines.map((l) => l.account)).toEqual([LedgerAccount.Receivables, LedgerAccount.Revenue]);
    expect(
      finalizedJournal({ ...invoice, subtotal: 0, discountTotal: 0, taxTotal: 0, total: 0 }, at),
    ).toBeNull();
  });

  it('debits tax payable when taxed credits make the tax total negative', () => {
    const j = finalizedJournal(
      { ...invoice, discountTotal: 0, subtotal: 5_000, taxTotal: -50, total: 4_950 },
      at,
    )!;
    expect(j.lines).toEqual([
      { account: LedgerAccount.Receivables, customerId: 'cus-1', debit: 4_950 },
      { account: LedgerAccount.Revenue, credit: 5_000 },
      { account: LedgerAccount.TaxPayable, debit: 50 },
    ]);
    expect(sum(j.lines, 'debit')).toBe(sum(j.lines, 'credit'));
  });

  it('voids by swapping sides', () => {
    const j = voidedJournal(invoice, at)!;
    expect(j.kind).toBe('invoice_voided');
    expect(j.lines[0]).toEqual({ account: LedgerAccount.Receivables, customerId: 'cus-1', credit: 10_710 });
    expect(sum(j.lines, 'debit')).toBe(sum(j.lines, 'credit'));
  });

  it('writes off the remaining amount', () => {
    expect(uncollectibleJournal({ ...invoice, amountRemaining: 5_000 }, at)!.lines).toEqual([
      { account: LedgerAccount.WriteOffs, debit: 5_000 },
      { account: LedgerAccount.Receivables, customerId: 'cus-1', credit: 5_000 },
    ]);
  });
});
