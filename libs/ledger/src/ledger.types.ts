/**
 * The chart of accounts every organisation has. Customer-level balances (receivables, customer credit) are
 * the lines that carry a `customerId`.
 */
export enum LedgerAccount {
  /** Asset: what customers owe on finalized invoices. */
  Receivables = 'receivables',
  /** Income: invoiced amounts before tax (gross of discounts). */
  Revenue = 'revenue',
  /** Liability: tax collected on behalf of the authorities. */
  TaxPayable = 'tax_payable',
  /** Liability: prepaid or granted credit a customer may still spend. */
  CustomerCredit = 'customer_credit',
  /** Asset: money received but not yet settled to the bank (payments). */
  CashClearing = 'cash_clearing',
  /** Liability: amounts credited back by credit notes and not yet settled (refund, reduction or credit). */
  Refunds = 'refunds',
  /** Expense: receivables written off as uncollectible. */
  WriteOffs = 'write_offs',
  /** Contra-income: coupons and promotional/goodwill credit. */
  Discounts = 'discounts',
  /** Expense: the payment processor's fees (Stripe balance transactions). */
  ProcessorFees = 'processor_fees',
  /** Asset: money the processor holds back while a dispute is open. */
  DisputedFunds = 'disputed_funds',
  /** Expense: disputes lost (chargebacks) and their fees. */
  Chargebacks = 'chargebacks',
}

export const JOURNAL_KINDS = [
  'invoice_finalized',
  'invoice_voided',
  'invoice_uncollectible',
  'credit_note_issued',
  'credit_note_applied',
  'credit_granted',
  'credit_applied',
  'credit_restored',
  'credit_expired',
  'payment_received',
  'payment_refunded',
  'payment_fee',
  'dispute_opened',
  'dispute_won',
  'dispute_lost',
] as const;

/** What caused a journal. Together with (sourceType, sourceId) it is unique: a business event posts once. */
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** One side of a journal: exactly one of `debit` and `credit` is a positive integer in minor units. */
export interface JournalLineInput {
  account: LedgerAccount;
  /** Set for customer-level accounts (receivables, customer credit) so statements and invariants can use it. */
  customerId?: string | null;
  debit?: number;
  credit?: number;
}

export interface PostJournalInput {
  kind: JournalKind;
  /** The business object the journal belongs to, e.g. ('invoice', invoiceId) or ('credit_application', id). */
  sourceType: string;
  sourceId: string;
  currency: string;
  /** Defaults to now. */
  occurredAt?: Date;
  memo?: string;
  lines: JournalLineInput[];
}

/** Which balance `LedgerService.balanceOf` sums; without `customerId`, the account's total over all customers. */
export interface BalanceQuery {
  account: LedgerAccount;
  customerId?: string;
  currency: string;
}
