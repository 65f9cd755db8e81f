import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { MinorUnitsColumn } from '@app/core';

/**
 * One row per invoice credits were applied to (even when there was nothing to apply): its primary key
 * makes applying to the same invoice twice a no-op, settled by the database even when the calls race.
 */
@Entity('credited_invoices')
@Check('credited_invoices_applied_check', 'applied >= 0')
export class CreditedInvoice {
  @PrimaryColumn('uuid')
  orgId: string;

  @PrimaryColumn('uuid')
  invoiceId: string;

  @Column('uuid')
  customerId: string;

  @Column('char', { length: 3 })
  currency: string;

  /** What was applied when the invoice was finalized, minor units (restorations do not change it). */
  @MinorUnitsColumn()
  applied: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
