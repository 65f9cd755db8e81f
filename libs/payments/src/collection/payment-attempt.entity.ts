import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';
import type { CollectionTrigger } from '@app/core';

export const ATTEMPT_STATUSES = [
  'pending',
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** An attempt whose outcome is not known yet: a new charge of the invoice must wait for it. */
export const IN_FLIGHT_ATTEMPT_STATUSES: readonly AttemptStatus[] = [
  'pending',
  'requires_action',
  'processing',
];

/**
 * One charge of an invoice at Stripe (docs/payments-collection.md): its payment row and the idempotency key
 * of its PaymentIntent, `invoice-<invoiceId>-attempt-<n>`. Unique per (invoice, attempt number), so two
 * triggers can never both create attempt n.
 */
@Entity('payment_attempts')
@Index('payment_attempts_invoice_id_attempt_number_key', ['invoiceId', 'attemptNumber'], { unique: true })
@Index('payment_attempts_idempotency_key_key', ['idempotencyKey'], { unique: true })
@Index('payment_attempts_org_id_invoice_id_idx', ['orgId', 'invoiceId'])
@Index('payment_attempts_in_flight_idx', ['status', 'updatedAt'], {
  where: `status IN ('pending', 'requires_action', 'processing')`,
})
@Check(
  'payment_attempts_status_check',
  `status IN ('pending', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled')`,
)
@Check(
  'payment_attempts_trigger_check',
  `trigger IN ('finalized', 'pay_now', 'dunning_retry', 'payment_method_added', 'installment')`,
)
export class PaymentAttempt extends TenantEntity {
  @Column('uuid')
  invoiceId: string;

  /** Set when the attempt collects one installment of the invoice. */
  @Column('uuid', { nullable: true })
  installmentId: string | null;

  @Column('int')
  attemptNumber: number;

  @Column('text')
  idempotencyKey: string;

  @Column('uuid')
  paymentId: string;

  @Column('text')
  trigger: CollectionTrigger;

  @Column('text')
  status: AttemptStatus;

  /** The Stripe customer and payment method charged: a re-issued create must send exactly the same. */
  @Column('text')
  stripeCustomerId: string;

  @Column('text')
  providerPaymentMethodId: string;

  /** Stripe's error code and decline code of a failed attempt (`card_declined` / `insufficient_funds`). */
  @Column('text', { nullable: true })
  failureCode: string | null;

  @Column('text', { nullable: true })
  declineCode: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}
