import { JournalLineInput, LedgerAccount, PostJournalInput } from '@app/ledger';

interface InvoiceAmounts {
  id: string;
  customerId: string;
  currency: string;
  number: string | null;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
}

/** A negative debit is a credit and the other way round (a tax total below zero from taxed proration credits). */
const positive = (line: JournalLineInput): JournalLineInput => {
  const net = (line.debit ?? 0) - (line.credit ?? 0);
  const { debit: _debit, credit: _credit, ...rest } = line;
  return net >= 0 ? { ...rest, debit: net } : { ...rest, credit: -net };
};

/** Drops zero lines (the ledger only takes positive amounts); null when nothing is left to post. */
function journal(base: Omit<PostJournalInput, 'lines'>, lines: JournalLineInput[]): PostJournalInput | null {
  const nonZero = lines.map(positive).filter((l) => (l.debit ?? 0) > 0 || (l.credit ?? 0) > 0);
  return nonZero.length >= 2 ? { ...base, lines: nonZero } : null;
}

/** Dr receivables total, Dr discounts; Cr revenue subtotal, Cr tax payable (docs/ledger.md). */
export function finalizedJournal(invoice: InvoiceAmounts, at: Date): PostJournalInput | null {
  const customerId = invoice.customerId;
  return journal(
    {
      kind: 'invoice_finalized',
      sourceType: 'invoice',
      sourceId: invoice.id,
      currency: invoice.currency,
      occurredAt: at,
      memo: `Invoice ${invoice.number}`,
    },
    [
      { account: LedgerAccount.Receivables, customerId, debit: invoice.total },
      { account: LedgerAccount.Discounts, debit: invoice.discountTotal },
      { account: LedgerAccount.Revenue, credit: invoice.subtotal },
      { account: LedgerAccount.TaxPayable, credit: invoice.taxTotal },
    ],
  );
}

/** The finalized journal with debits and credits swapped. */
export function voidedJournal(invoice: InvoiceAmounts, at: Date): PostJournalInput | null {
  const finalized = finalizedJournal(invoice, at);
  if (!finalized) return null;
  return {
    ...finalized,
    kind: 'invoice_voided',
    memo: `Void of invoice ${invoice.number}`,
    lines: finalized.lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit })),
  };
}

/** Dr write-offs, Cr receivables (customer): what was still owed. */
export function uncollectibleJournal(
  invoice: InvoiceAmounts & { amountRemaining: number },
  at: Date,
): PostJournalInput | null {
  return journal(
    {
      kind: 'invoice_uncollectible',
      sourceType: 'invoice',
      sourceId: invoice.id,
      currency: invoice.currency,
      occurredAt: at,
      memo: `Write-off of invoice ${invoice.number}`,
    },
    [
      { account: LedgerAccount.WriteOffs, debit: invoice.amountRemaining },
      { account: LedgerAccount.Receivables, customerId: invoice.customerId, credit: invoice.amountRemaining },
    ],
  );
}
