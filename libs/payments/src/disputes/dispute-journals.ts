import { JournalLineInput, LedgerAccount, PostJournalInput } from '@app/ledger';
import { Dispute } from '../entities/dispute.entity';

type Kind = 'dispute_opened' | 'dispute_won' | 'dispute_lost';

const journal = (
  dispute: Dispute,
  kind: Kind,
  sourceType: string,
  lines: JournalLineInput[],
  at: Date,
): PostJournalInput => ({
  kind,
  sourceType,
  sourceId: dispute.id,
  currency: dispute.currency,
  occurredAt: at,
  memo: `Dispute ${dispute.providerDisputeId} of payment ${dispute.paymentId}`,
  lines,
});

/** The processor withdrew the disputed amount: Dr disputed funds, Cr cash clearing. */
export const disputeOpenedJournal = (dispute: Dispute, at: Date): PostJournalInput =>
  journal(
    dispute,
    'dispute_opened',
    'dispute',
    [
      { account: LedgerAccount.DisputedFunds, debit: dispute.amount },
      { account: LedgerAccount.CashClearing, credit: dispute.amount },
    ],
    at,
  );

/** The dispute fee withdrawn with it: Dr chargebacks, Cr cash clearing. */
export const disputeFeeJournal = (dispute: Dispute, fee: number, at: Date): PostJournalInput =>
  journal(
    dispute,
    'dispute_opened',
    'dispute_fee',
    [
      { account: LedgerAccount.Chargebacks, debit: fee },
      { account: LedgerAccount.CashClearing, credit: fee },
    ],
    at,
  );

/** Won: the amount comes back (Dr cash clearing, Cr disputed funds), and the fee when the processor returns it. */
export const disputeWonJournals = (dispute: Dispute, feeReturned: number, at: Date): PostJournalInput[] => [
  journal(
    dispute,
    'dispute_won',
    'dispute',
    [
      { account: LedgerAccount.CashClearing, debit: dispute.amount },
      { account: LedgerAccount.DisputedFunds, credit: dispute.amount },
    ],
    at,
  ),
  ...(feeReturned > 0
    ? [
        journal(
          dispute,
          'dispute_won',
          'dispute_fee',
          [
            { account: LedgerAccount.CashClearing, debit: feeReturned },
            { account: LedgerAccount.Chargebacks, credit: feeReturned },
          ],
          at,
        ),
      ]
    : []),
];

/**
 * Lost: the disputed funds are gone. What reopened invoices is owed by the customer again (Dr receivables),
 * the rest is a chargeback expense; Cr disputed funds.
 */
export const disputeLostJournal = (dispute: Dispute, reopened: number, at: Date): PostJournalInput => {
  const lines: JournalLineInput[] = [];
  if (reopened > 0)
    lines.push({ account: LedgerAccount.Receivables, customerId: dispute.customerId, debit: reopened });
  if (dispute.amount > reopened)
    lines.push({ account: LedgerAccount.Chargebacks, debit: dispute.amount - reopened });
  lines.push({ account: LedgerAccount.DisputedFunds, credit: dispute.amount });
  return journal(dispute, 'dispute_lost', 'dispute', lines, at);
};
