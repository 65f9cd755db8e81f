import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import type { PaymentMethod, PaymentProvider, PaymentStatus } from '../payments.types';

/**
 * Money received from a customer (docs/payments.md). Of a succeeded payment, `amountAllocated` settles
 * invoices (payment_allocations) and `amountCredited` became customer credit (the grant `creditGrantId`);
 * both go back to 0 when an offline payment is reversed. The customer is another domain's row: referenced
 * by id, no foreign key.
 */
@Entity('payments')
@Index('payments_org_id_customer_id_idx', ['orgId', 'customerId'])
@Index('payments_org_id_provider_payment_id_key', ['orgId', 'providerPaymentId'], {
  unique: true,
  where: 'provider_payment_id IS NOT NULL',
})
@Index('payments_org_id_provider_charge_id_key', ['orgId', 'providerChargeId'], {
  unique: true,
  where: 'provider_charge_id IS NOT NULL',
})
@Check('payments_provider_check', `provider IN ('stripe', 'manual')`)
@Check('payments_method_check', `method IN ('card', 'bank_transfer', 'check', 'cash', 'other')`)
@Check(
  'payments_status_check',
  `status IN ('pending', 'processing', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded', 'disputed')`,
)
@Check(
  'payments_amounts_check',
  'amount > 0 AND amount_allocated >= 0 AND amount_credited >= 0 AND amount_refunded >= 0 AND amount_allocated + amount_credited <= amount AND amount_refunded <= amount',
)
export class Payment extends TenantEntity {
  @Column('uuid')
  customerId: string;

  @Column('text')
  provider: PaymentProvider;

  @Column('text')
  method: PaymentMethod;

  @MinorUnitsColumn()
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: PaymentStatus;

  /** The provider's id of the payment (Stripe PaymentIntent), unique per organisation when set. */
  @Column('text', { nullable: true })
  providerPaymentId: string | null;

  /**
   * The provider's own status of the payment (a Stripe PaymentIntent: `requires_action`, `processing`, …),
   * when it says more than `status`.
   */
  @Column('text', { nullable: true })
  providerStatus: string | null;

  /** The processor's fee in the payment's currency (Stripe's balance transaction), once known. */
  @MinorUnitsColumn({ nullable: true })
  fee: number | null;

  /** The provider's id of the charge, unique per organisation when set. */
  @Column('text', { nullable: true })
  providerChargeId: string | null;

  @Column('text', { nullable: true })
  failureCode: string | null;

  @Column('text', { nullable: true })
  failureMessage: string | null;

  /** The wire reference, check number or receipt number. */
  @Column('text', { nullable: true })
  reference: string | null;

  /** When the money arrived (the date of the wire or check). */
  @Column('timestamptz', { nullable: true })
  receivedAt: Date | null;

  @MinorUnitsColumn({ default: 0 })
  amountAllocated: number;

  /** What was not allocated and became customer credit. */
  @MinorUnitsColumn({ default: 0 })
  amountCredited: number;

  @MinorUnitsColumn({ default: 0 })
  amountRefunded: number;

  /** The customer-credit grant holding `amountCredited`. */
  @Column('uuid', { nullable: true })
  creditGrantId: string | null;

  @Column('timestamptz', { nullable: true })
  reversedAt: Date | null;

  @Column('text', { nullable: true })
  reversalReason: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  metadata: Record<string, string>;
}
