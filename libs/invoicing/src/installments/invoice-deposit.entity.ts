import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

export const DEPOSIT_STATUSES = ['awaiting_payment', 'deducted', 'credited'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

/**
 * A deposit asked up front for a draft invoice: a separate, finalized deposit invoice. Once that is paid its
 * line amount is deducted from the draft (`deducted`), or, when the draft was finalized or deleted meanwhile,
 * granted to the customer as credit (`credited`). Both invoices are ordinary invoice rows: no foreign keys,
 * so deleting the draft never loses the record of a deposit.
 */
@Entity('invoice_deposits')
@Index('invoice_deposits_invoice_id_key', ['orgId', 'invoiceId'], { unique: true })
@Index('invoice_deposits_deposit_invoice_id_key', ['depositInvoiceId'], { unique: true })
@Check('invoice_deposits_status_check', `status IN ('awaiting_payment', 'deducted', 'credited')`)
@Check('invoice_deposits_percent_check', 'percent > 0 AND percent <= 100')
export class InvoiceDeposit extends TenantEntity {
  /** The draft the deposit is for (the final invoice). */
  @Column('uuid')
  invoiceId: string;

  @Column('uuid')
  depositInvoiceId: string;

  /** Decimal string, up to 2 decimals. */
  @Column('numeric', { precision: 5, scale: 2 })
  percent: string;

  /** The deposit line's amount (before tax), what the final invoice is reduced by. */
  @MinorUnitsColumn()
  amount: number;

  @Column('text', { default: 'awaiting_payment' })
  status: DepositStatus;
}
