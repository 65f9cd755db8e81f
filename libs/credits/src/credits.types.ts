import { LedgerAccount } from '@app/ledger';

export const CREDIT_GRANT_TYPES = ['promotional', 'purchased', 'goodwill', 'refund'] as const;
export type CreditGrantType = (typeof CREDIT_GRANT_TYPES)[number];

export interface GrantCreditInput {
  customerId: string;
  currency: string;
  /** Positive integer, minor units. */
  amount: number;
  type: CreditGrantType;
  /** Where the credit comes from: 'manual', 'credit_note', 'overpayment', 'purchase'… */
  source: string;
  /** The id of the source object (e.g. the credit note), when there is one. */
  sourceId?: string | null;
  description?: string | null;
  expiresAt?: Date | null;
  /** Lower numbers are spent first. Default 0. */
  priority?: number;
  /** User or API key id; null for the system. */
  grantedBy?: string | null;
  /**
   * The account debited when the grant is posted (credit side is always customer credit). Defaults by type:
   * promotional and goodwill → discounts, purchased → cash clearing, refund → refunds.
   */
  fundingAccount?: LedgerAccount;
}

export interface ApplyCreditsInput {
  invoiceId: string;
  customerId: string;
  currency: string;
  /** The most that may be applied (the invoice's amount due before credits), minor units. */
  maxAmount: number;
}

export interface CreditApplicationView {
  id: string;
  grantId: string;
  invoiceId: string;
  amount: number;
  currency: string;
  createdAt: Date;
}
