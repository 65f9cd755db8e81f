import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import type { PaymentProvider } from '../payments.types';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Money given back on a payment (docs/payments-refunds-disputes.md): through Stripe (`providerRefundId`) or recorded
 * offline, directly or executing a credit note whose outcome is a refund.
 */
@Entity('refunds')
@Index('refunds_org_id_payment_id_idx', ['orgId', 'paymentId'])
@Index('refunds_org_id_provider_refund_id_key', ['orgId', 'providerRefundId'], {
  unique: true,
  where: 'provider_refund_id IS NOT NULL',
})
@Check('refunds_amount_check', 'amount > 0')
@Check('refunds_status_check', `status IN ('pending', 'succeeded', 'failed', 'canceled')`)
@Check('refunds_provider_check', `provider IN ('stripe', 'manual')`)
export class Refund extends TenantEntity {
  @Column('uuid')
  paymentId: string;

  @Column('uuid')
  customerId: string;

  /** The credit note this refund pays out, when it comes from one. */
  @Column('uuid', { nullable: true })
  creditNoteId: string | null;

  @Column('text')
  provider: PaymentProvider;

  @MinorUnitsColumn()
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: RefundStatus;

  @Column('text', { nullable: true })
  providerRefundId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  /** The wire reference or note of an offline refund. */
  @Column('text', { nullable: true })
  reference: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;
}
