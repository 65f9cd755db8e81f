import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';
import type { DunningFinalAction } from '../settings/payment-settings.entity';

export const DUNNING_STATUSES = ['active', 'recovered', 'exhausted', 'stopped'] as const;
export type DunningStatus = (typeof DUNNING_STATUSES)[number];

/**
 * The dunning of one invoice whose automatic charge failed (docs/payments-dunning.md): where it is in its
 * retry schedule, why the last charge failed, and what ended it. One row per invoice, for good.
 */
@Entity('invoice_dunning')
@Index('invoice_dunning_invoice_id_key', ['invoiceId'], { unique: true })
@Index('invoice_dunning_org_id_status_idx', ['orgId', 'status'])
@Index('invoice_dunning_org_id_customer_id_idx', ['orgId', 'customerId'])
@Check('invoice_dunning_status_check', `status IN ('active', 'recovered', 'exhausted', 'stopped')`)
@Check('invoice_dunning_retries_done_check', 'retries_done >= 0')
export class InvoiceDunning extends TenantEntity {
  @Column('uuid')
  invoiceId: string;

  @Column('uuid')
  customerId: string;

  @Column('text')
  status: DunningStatus;

  /** The org's retry days when dunning started: the step numbers stay stable if the settings change. */
  @Column('int', { array: true })
  retryScheduleDays: number[];

  /** Steps of the schedule already run (a retry dispatched, or a reminder sent after a hard decline). */
  @Column('int', { default: 0 })
  retriesDone: number;

  @Column('timestamptz')
  firstFailedAt: Date;

  /** When the next step runs; null while a dispatched retry's outcome is awaited, and once dunning ended. */
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Column('text', { nullable: true })
  lastFailureCode: string | null;

  @Column('text', { nullable: true })
  lastDeclineCode: string | null;

  /** The last failure was a hard decline: no charge is retried until the customer adds a payment method. */
  @Column('boolean', { default: false })
  hardDecline: boolean;

  /** The failed charges (payments rows) reported to dunning, oldest first. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  failedPaymentIds: string[];

  /** firstFailedAt + the org's grace period when dunning started. */
  @Column('timestamptz')
  gracePeriodEndsAt: Date;

  /** When the grace period ended with the invoice unpaid and the customer's subscriptions became past_due. */
  @Column('timestamptz', { nullable: true })
  pastDueAt: Date | null;

  /** The final action taken when the schedule ran out (status `exhausted`). */
  @Column('text', { nullable: true })
  finalAction: DunningFinalAction | null;

  @Column('timestamptz', { nullable: true })
  finalActionAt: Date | null;
}
