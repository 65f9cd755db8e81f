import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

export const CREDIT_NOTE_REASONS = [
  'duplicate',
  'fraudulent',
  'order_change',
  'product_unsatisfactory',
  'other',
] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

export const CREDIT_NOTE_OUTCOMES = ['reduce_amount_due', 'customer_credit', 'refund'] as const;
export type CreditNoteOutcome = (typeof CREDIT_NOTE_OUTCOMES)[number];

/** `pending` until the payments domain pays the refund out, then `refunded` (docs/payments-refunds-disputes.md). */
export const REFUND_STATUSES = ['pending', 'refunded'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * A credit note against an open or paid invoice (docs/credit-notes.md). Immutable once created: the trigger
 * `credit_notes_guard_immutable` (migration) refuses deletes and every update but `refund_status`.
 */
@Entity('credit_notes')
@Index('credit_notes_org_id_number_key', ['orgId', 'number'], { unique: true })
@Index('credit_notes_org_id_invoice_id_idx', ['orgId', 'invoiceId'])
@Index('credit_notes_org_id_customer_id_idx', ['orgId', 'customerId'])
@Check(
  'credit_notes_reason_check',
  `reason IN ('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other')`,
)
@Check('credit_notes_outcome_check', `outcome IN ('reduce_amount_due', 'customer_credit', 'refund')`)
@Check(
  'credit_notes_refund_status_check',
  `(outcome = 'refund') = (refund_status IS NOT NULL) AND (refund_status IS NULL OR refund_status IN ('pending', 'refunded'))`,
)
@Check('credit_notes_amounts_check', 'subtotal > 0 AND tax_total >= 0 AND total = subtotal + tax_total')
export class CreditNote extends TenantEntity {
  @Column('uuid')
  invoiceId: string;

  /** The invoice's customer; another domain's row, referenced by id. */
  @Column('uuid')
  customerId: string;

  /** From the org's own gapless credit-note sequence. */
  @Column('text')
  number: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  reason: CreditNoteReason;

  @Column('text', { nullable: true })
  memo: string | null;

  @Column('text')
  outcome: CreditNoteOutcome;

  /** Net amount credited (tax excluded). */
  @MinorUnitsColumn()
  subtotal: number;

  @MinorUnitsColumn()
  taxTotal: number;

  @MinorUnitsColumn()
  total: number;

  @Column('text', { nullable: true })
  refundStatus: RefundStatus | null;

  /** The customer-credit grant of a `customer_credit` credit note. */
  @Column('uuid', { nullable: true })
  creditGrantId: string | null;

  @Column('timestamptz')
  issuedAt: Date;
}
