import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const PAYMENT_STATES = ['unpaid', 'partially_paid', 'paid'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export interface TaxBreakdownEntry {
  taxRateId: string;
  name: string;
  percentage: string;
  inclusive: boolean;
  taxableAmount: number;
  amount: number;
}

export interface DiscountBreakdownEntry {
  appliedCouponId: string;
  couponName: string;
  amount: number;
}

/** The customer as it was at finalization, so the invoice can be reproduced without the live customer. */
export interface CustomerSnapshot {
  name: string;
  legalName: string | null;
  billingEmails: string[];
  billingAddress: object | null;
  shippingAddress: object | null;
  taxIds: { type: string; value: string }[];
  locale: string | null;
  timezone: string | null;
}

/**
 * An invoice. Frozen once it leaves `draft`: the service refuses edits and the trigger
 * `invoices_guard_finalized` (migration) refuses them in the database. The customer and subscription
 * are other domains' rows: referenced by id, no foreign key.
 */
@Entity('invoices')
@Index('invoices_org_id_number_key', ['orgId', 'number'], { unique: true })
@Index('invoices_subscription_boundary_key', ['orgId', 'subscriptionId', 'billingBoundary'], {
  unique: true,
  where: 'subscription_id IS NOT NULL',
})
@Index('invoices_org_id_customer_id_idx', ['orgId', 'customerId'])
@Index('invoices_org_id_status_idx', ['orgId', 'status'])
@Index('invoices_overdue_due_at_idx', ['dueAt'], { where: `status = 'open' AND NOT overdue` })
@Check('invoices_status_check', `status IN ('draft', 'open', 'paid', 'void', 'uncollectible')`)
@Check('invoices_payment_state_check', `payment_state IN ('unpaid', 'partially_paid', 'paid')`)
@Check('invoices_number_check', `(status = 'draft') = (number IS NULL)`)
@Check('invoices_issued_check', `(status = 'draft') = (issued_at IS NULL)`)
@Check(
  'invoices_amounts_check',
  'discount_total >= 0 AND credits_applied >= 0 AND amount_paid >= 0 AND credited_total >= 0',
)
@Check(
  'invoices_finalized_amounts_check',
  `status = 'draft' OR (total >= 0 AND amount_due >= 0 AND amount_remaining >= 0)`,
)
@Check('invoices_amount_due_check', 'amount_due = total - credits_applied')
@Check(
  'invoices_payment_terms_days_check',
  'payment_terms_days IS NULL OR payment_terms_days BETWEEN 0 AND 365',
)
export class Invoice extends TenantEntity {
  @Column('uuid')
  customerId: string;

  @Column('uuid', { nullable: true })
  subscriptionId: string | null;

  /** The subscription period boundary this invoice bills (exactly one invoice per subscription and boundary). */
  @Column('timestamptz', { nullable: true })
  billingBoundary: Date | null;

  @Column('timestamptz', { nullable: true })
  periodStart: Date | null;

  @Column('timestamptz', { nullable: true })
  periodEnd: Date | null;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { default: 'draft' })
  status: InvoiceStatus;

  @Column('text', { default: 'unpaid' })
  paymentState: PaymentState;

  @Column('boolean', { default: false })
  overdue: boolean;

  @Column('timestamptz', { nullable: true })
  overdueAt: Date | null;

  /** Assigned at finalization from the org's gapless sequence. */
  @Column('text', { nullable: true })
  number: string | null;

  @Column('timestamptz', { nullable: true })
  issuedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  /** Per-invoice override while draft; the terms used once finalized. */
  @Column('integer', { nullable: true })
  paymentTermsDays: number | null;

  @MinorUnitsColumn({ default: 0 })
  subtotal: number;

  @MinorUnitsColumn({ default: 0 })
  discountTotal: number;

  @MinorUnitsColumn({ default: 0 })
  taxTotal: number;

  @MinorUnitsColumn({ default: 0 })
  total: number;

  @MinorUnitsColumn({ default: 0 })
  creditsApplied: number;

  /** total − credits applied. */
  @MinorUnitsColumn({ default: 0 })
  amountDue: number;

  @MinorUnitsColumn({ default: 0 })
  amountPaid: number;

  @MinorUnitsColumn({ default: 0 })
  amountRemaining: number;

  /** Credit notes issued against it. */
  @MinorUnitsColumn({ default: 0 })
  creditedTotal: number;

  @Column('jsonb', { default: () => "'[]'" })
  taxBreakdown: TaxBreakdownEntry[];

  @Column('jsonb', { default: () => "'[]'" })
  discountBreakdown: DiscountBreakdownEntry[];

  @Column('text', { nullable: true })
  taxTreatment: string | null;

  @Column('text', { nullable: true })
  legalNote: string | null;

  @Column('text', { nullable: true })
  memo: string | null;

  @Column('jsonb', { nullable: true })
  customerSnapshot: CustomerSnapshot | null;

  @Column('timestamptz', { nullable: true })
  finalizedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  voidedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  markedUncollectibleAt: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
