import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import { Invoice } from '../entities/invoice.entity';

export const INSTALLMENT_STATUSES = ['open', 'paid'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];

/**
 * One dated part of an invoice's installment plan. The parts of a plan sum exactly to what the invoice owes;
 * payments fill them in sequence order under the invoice's row lock. Zero-amount parts (a plan fitted to a
 * smaller amount at finalization) are paid from the start.
 */
@Entity('invoice_installments')
@Index('invoice_installments_invoice_id_sequence_key', ['invoiceId', 'sequence'], { unique: true })
@Index('invoice_installments_due_at_idx', ['dueAt'], { where: `status = 'open'` })
@Check('invoice_installments_status_check', `status IN ('open', 'paid')`)
@Check('invoice_installments_amounts_check', 'amount >= 0 AND amount_paid >= 0 AND amount_paid <= amount')
@Check('invoice_installments_paid_check', `(status = 'paid') = (amount_paid = amount)`)
export class InvoiceInstallment extends TenantEntity {
  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  /** 1, 2, 3… */
  @Column('integer')
  sequence: number;

  @Column('timestamptz')
  dueAt: Date;

  @MinorUnitsColumn()
  amount: number;

  @MinorUnitsColumn({ default: 0 })
  amountPaid: number;

  @Column('text', { default: 'open' })
  status: InstallmentStatus;

  @Column('boolean', { default: false })
  overdue: boolean;

  @Column('timestamptz', { nullable: true })
  overdueAt: Date | null;
}
