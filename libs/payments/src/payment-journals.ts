import { LedgerAccount, PostJournalInput } from '@app/ledger';

interface AllocationAmounts {
  id: string;
  customerId: string;
  currency: string;
  amount: number;
}

/**
 * Dr cash clearing, Cr receivables (customer): the part of a payment that settles one invoice. What a payment
 * leaves unallocated is posted by its customer-credit grant (Dr cash clearing, Cr customer credit), never here.
 */
export const allocationJournal = (
  allocation: AllocationAmounts,
  at: Date,
  memo: string,
): PostJournalInput => ({
  kind: 'payment_received',
  sourceType: 'payment_allocation',
  sourceId: allocation.id,
  currency: allocation.currency,
  occurredAt: at,
  memo,
  lines: [
    { account: LedgerAccount.CashClearing, debit: allocation.amount },
    { account: LedgerAccount.Receivables, customerId: allocation.customerId, credit: allocation.amount },
  ],
});

/**
 * The allocation journal reversed (the payment bounced): Dr receivables, Cr cash clearing. The ledger has no
 * journal kind for a reversal, so it is a `payment_received` journal told apart by its source type.
 */
export const allocationReversalJournal = (
  allocation: AllocationAmounts,
  at: Date,
  memo: string,
): PostJournalInput => ({
  kind: 'payment_received',
  sourceType: 'payment_allocation_reversal',
  sourceId: allocation.id,
  currency: allocation.currency,
  occurredAt: at,
  memo,
  lines: [
    { account: LedgerAccount.Receivables, customerId: allocation.customerId, debit: allocation.amount },
    { account: LedgerAccount.CashClearing, credit: allocation.amount },
  ],
});

/** Dr processor fees, Cr cash clearing: what the processor kept of a charge (Stripe's balance transaction). */
export const paymentFeeJournal = (
  payment: { id: string; currency: string; fee: number },
  at: Date,
  memo: string,
): PostJournalInput => ({
  kind: 'payment_fee',
  sourceType: 'payment',
  sourceId: payment.id,
  currency: payment.currency,
  occurredAt: at,
  memo,
  lines: [
    { account: LedgerAccount.ProcessorFees, debit: payment.fee },
    { account: LedgerAccount.CashClearing, credit: payment.fee },
  ],
});
