import { LedgerAccount, PostJournalInput } from '@app/ledger';
import type { CreditGrantType } from './credits.types';

/** The account a grant is funded from when the caller does not say. */
export const DEFAULT_FUNDING_ACCOUNT: Record<CreditGrantType, LedgerAccount> = {
  promotional: LedgerAccount.Discounts,
  goodwill: LedgerAccount.Discounts,
  purchased: LedgerAccount.CashClearing,
  refund: LedgerAccount.Refunds,
};

/** Where expired credit goes: back against discounts, breakage revenue for purchased credit, or refunds. */
export const EXPIRY_ACCOUNT: Record<CreditGrantType, LedgerAccount> = {
  promotional: LedgerAccount.Discounts,
  goodwill: LedgerAccount.Discounts,
  purchased: LedgerAccount.Revenue,
  refund: LedgerAccount.Refunds,
};

interface Movement {
  id: string;
  customerId: string;
  currency: string;
  amount: number;
}

const customerCredit = (customerId: string) => ({ account: LedgerAccount.CustomerCredit, customerId });
const receivables = (customerId: string) => ({ account: LedgerAccount.Receivables, customerId });

/** Dr funding account, Cr customer credit. */
export const grantJournal = (grant: Movement & { fundingAccount: LedgerAccount }): PostJournalInput => ({
  kind: 'credit_granted',
  sourceType: 'credit_grant',
  sourceId: grant.id,
  currency: grant.currency,
  lines: [
    { account: grant.fundingAccount, debit: grant.amount },
    { ...customerCredit(grant.customerId), credit: grant.amount },
  ],
});

/** Dr customer credit, Cr receivables: the invoice is partly paid with credit. */
export const applicationJournal = (application: Movement): PostJournalInput => ({
  kind: 'credit_applied',
  sourceType: 'credit_application',
  sourceId: application.id,
  currency: application.currency,
  lines: [
    { ...customerCredit(application.customerId), debit: application.amount },
    { ...receivables(application.customerId), credit: application.amount },
  ],
});

/** Dr receivables, Cr customer credit: the reverse of an application, when its invoice is voided. */
export const restorationJournal = (application: Movement): PostJournalInput => ({
  kind: 'credit_restored',
  sourceType: 'credit_application',
  sourceId: application.id,
  currency: application.currency,
  lines: [
    { ...receivables(application.customerId), debit: application.amount },
    { ...customerCredit(application.customerId), credit: application.amount },
  ],
});

/** Dr customer credit, Cr the expiry account of the grant's type. `adjustment.id` is the expiry's id. */
export const expiryJournal = (adjustment: Movement, type: CreditGrantType): PostJournalInput => ({
  kind: 'credit_expired',
  sourceType: 'credit_expiry',
  sourceId: adjustment.id,
  currency: adjustment.currency,
  lines: [
    { ...customerCredit(adjustment.customerId), debit: adjustment.amount },
    { account: EXPIRY_ACCOUNT[type], credit: adjustment.amount },
  ],
});

/**
 * Dr customer credit, Cr funding account: the grant journal reversed for what was voided. The ledger has no
 * journal kind for a void, so it is a `credit_expired` journal told apart by its source type.
 */
export const voidJournal = (adjustment: Movement, fundingAccount: LedgerAccount): PostJournalInput => ({
  kind: 'credit_expired',
  sourceType: 'credit_grant_void',
  sourceId: adjustment.id,
  currency: adjustment.currency,
  lines: [
    { ...customerCredit(adjustment.customerId), debit: adjustment.amount },
    { account: fundingAccount, credit: adjustment.amount },
  ],
});
