import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import { Invoice } from './invoice.entity';

export const INVOICE_LINE_KINDS = [
  'subscription_fee',
  'usage_charge',
  'proration',
  'minimum_commitment',
  'one_off',
  'deposit',
] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

export interface LineTax {
  taxRateId: string;
  name: string;
  percentage: string;
  inclusive: boolean;
  taxableAmount: number;
  amount: number;
}

export interface LineDiscount {
  appliedCouponId: string;
  amount: number;
}

/**
 * A line of an invoice. `amount` is quantity × unitAmount rounded half-up once (or given); discounts and
 * taxes come from the invoice calculator. Inserts, updates and deletes are refused by the trigger
 * `invoice_lines_guard_finalized` unless the invoice is a draft.
 */
@Entity('invoice_lines')
@Index('invoice_lines_invoice_id_position_idx', ['invoiceId', 'position'])
@Check(
  'invoice_lines_kind_check',
  `kind IN ('subscription_fee', 'usage_charge', 'proration', 'minimum_commitment', 'one_off', 'deposit')`,
)
@Check('invoice_lines_amount_check', `amount >= 0 OR kind IN ('proration', 'deposit')`)
@Check('invoice_lines_quantity_check', 'quantity >= 0')
// A taxed proration credit carries negative tax, mirroring the charge it refunds.
@Check('invoice_lines_discount_tax_check', 'discount_amount >= 0 AND (tax_amount >= 0 OR amount < 0)')
export class InvoiceLine extends TenantEntity {
  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column('integer')
  position: number;

  @Column('text')
  kind: InvoiceLineKind;

  @Column('text')
  description: string;

  @Column('numeric')
  quantity: string;

  /** Major units, decimal string (docs/pricing.md). */
  @Column('numeric')
  unitAmount: string;

  /** Minor units; negative only for proration credits and paid deposits deducted from a final invoice. */
  @MinorUnitsColumn()
  amount: number;

  @MinorUnitsColumn({ default: 0 })
  discountAmount: number;

  @MinorUnitsColumn({ default: 0 })
  taxAmount: number;

  @MinorUnitsColumn({ default: 0 })
  total: number;

  @Column('jsonb', { default: () => "'[]'" })
  taxes: LineTax[];

  @Column('jsonb', { default: () => "'[]'" })
  discounts: LineDiscount[];

  @Column('text', { array: true, nullable: true })
  taxRateIds: string[] | null;

  @Column('uuid', { nullable: true })
  chargeId: string | null;

  @Column('text', { nullable: true })
  metricCode: string | null;

  @Column('timestamptz', { nullable: true })
  periodStart: Date | null;

  @Column('timestamptz', { nullable: true })
  periodEnd: Date | null;

  @Column('jsonb', { default: () => "'{}'" })
  metadata: object;

  @Column('boolean', { default: true })
  discountable: boolean;
}
