import { LedgerAccount, PostJournalInput } from '@app/ledger';

interface RefundAmounts {
  id: string;
  currency: string;
  amount: number;
}

/**
 * Dr refunds, Cr cash clearing: the money a credit note (outcome refund) put into the refunds account leaves
 * (also a refund made at Stripe outside the platform, until a credit note explains it).
 */
export const refundPaidJournal = (refund: RefundAmounts, at: Date, memo: string): PostJournalInput => ({
  kind: 'payment_refunded',
  sourceType: 'refund',
  sourceId: refund.id,
  currency: refund.currency,
  occurredAt: at,
  memo,
  lines: [
    { account: LedgerAccount.Refunds, debit: refund.amount },
    { account: LedgerAccount.CashClearing, credit: refund.amount },
  ],
});

/** The refund failed after it was paid: the money is back, the customer is owed it again (Dr cash, Cr refunds). */
export const refundFailedJournal = (refund: RefundAmounts, at: Date, memo: string): PostJournalInput => ({
  kind: 'payment_refunded',
  sourceType: 'refund_failure',
  sourceId: refund.id,
  currency: refund.currency,
  occurredAt: at,
  memo,
  lines: [
    { account: LedgerAccount.CashClearing, debit: refund.amount },
    { account: LedgerAccount.Refunds, credit: refund.amount },
  ],
});
