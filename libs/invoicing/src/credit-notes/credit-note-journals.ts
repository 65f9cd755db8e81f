import { JournalLineInput, LedgerAccount, PostJournalInput } from '@app/ledger';

interface CreditNoteAmounts {
  id: string;
  customerId: string;
  currency: string;
  number: string;
  subtotal: number;
  taxTotal: number;
  total: number;
  issuedAt: Date;
}

const base = (cn: CreditNoteAmounts, kind: PostJournalInput['kind'], memo: string) => ({
  kind,
  sourceType: 'credit_note',
  sourceId: cn.id,
  currency: cn.currency,
  occurredAt: cn.issuedAt,
  memo,
});

/** Dr revenue net, Dr tax payable tax; Cr refunds total (the credit is owed to the customer until used). */
export function issuedJournal(cn: CreditNoteAmounts): PostJournalInput {
  const lines: JournalLineInput[] = [{ account: LedgerAccount.Revenue, debit: cn.subtotal }];
  if (cn.taxTotal > 0) lines.push({ account: LedgerAccount.TaxPayable, debit: cn.taxTotal });
  lines.push({ account: LedgerAccount.Refunds, credit: cn.total });
  return { ...base(cn, 'credit_note_issued', `Credit note ${cn.number}`), lines };
}

/** `reduce_amount_due`: Dr refunds, Cr receivables (customer): the invoice owes that much less. */
export function appliedToInvoiceJournal(cn: CreditNoteAmounts): PostJournalInput {
  return {
    ...base(cn, 'credit_note_applied', `Credit note ${cn.number} applied to its invoice`),
    lines: [
      { account: LedgerAccount.Refunds, debit: cn.total },
      { account: LedgerAccount.Receivables, customerId: cn.customerId, credit: cn.total },
    ],
  };
}
