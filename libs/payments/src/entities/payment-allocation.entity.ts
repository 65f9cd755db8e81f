import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import { Payment } from './payment.entity';

/**
 * The part of a payment that settles one invoice; one row per (payment, invoice). Kept when the payment is
 * reversed (`reversedAt` set). The invoice is another domain's row: referenced by id, no foreign key.
 */
@Entity('payment_allocations')
@Index('payment_allocations_payment_id_invoice_id_key', ['paymentId', 'invoiceId'], { unique: true })
@Index('payment_allocations_org_id_invoice_id_idx', ['orgId', 'invoiceId'])
@Check('payment_allocations_amount_check', 'amount > 0')
export class PaymentAllocation extends TenantEntity {
  @Column('uuid')
  paymentId: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Column('uuid')
  invoiceId: string;

  @Column('uuid')
  customerId: string;

  @MinorUnitsColumn()
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('timestamptz', { nullable: true })
  reversedAt: Date | null;
}
