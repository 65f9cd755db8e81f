import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

export const BILLING_CYCLE_STATUSES = [
  'pending',
  'awaiting_finalization',
  'invoiced',
  'skipped',
  'failed',
] as const;
export type BillingCycleStatus = (typeof BILLING_CYCLE_STATUSES)[number];

/**
 * One billing point of a subscription: the instant (`boundary`) a period ended and the next began. It is
 * recorded from the subscription's domain events and billed by a run: the closed period's arrears and the
 * next period's fee in advance go on one invoice. Unique per (subscription, boundary), like the invoice.
 */
@Entity('billing_cycles')
@Index('billing_cycles_org_id_subscription_id_boundary_key', ['orgId', 'subscriptionId', 'boundary'], {
  unique: true,
})
@Index('billing_cycles_due_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('billing_cycles_finalize_idx', ['finalizeAt'], { where: `status = 'awaiting_finalization'` })
@Index('billing_cycles_org_id_status_idx', ['orgId', 'status'])
@Index('billing_cycles_run_id_idx', ['runId'])
@Check('billing_cycles_status_check', `status IN ('${BILLING_CYCLE_STATUSES.join("', '")}')`)
export class BillingCycle extends TenantEntity {
  @Column('uuid')
  subscriptionId: string;

  @Column('uuid')
  customerId: string;

  @Column('timestamptz')
  boundary: Date;

  @Column('timestamptz', { nullable: true })
  closedStart: Date | null;

  @Column('timestamptz', { nullable: true })
  closedEnd: Date | null;

  @Column('uuid', { nullable: true })
  closedPlanId: string | null;

  @Column('boolean', { default: false })
  closedFeeWaived: boolean;

  @Column('timestamptz', { nullable: true })
  nextStart: Date | null;

  @Column('timestamptz', { nullable: true })
  nextEnd: Date | null;

  @Column('uuid', { nullable: true })
  nextPlanId: string | null;

  @Column('boolean', { default: false })
  nextFeeWaived: boolean;

  @Column('text', { default: 'pending' })
  status: BillingCycleStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** A pending cycle is billed by the first run at or after this instant (backoff after a failure). */
  @Column('timestamptz')
  nextAttemptAt: Date;

  /** Set while a run's job owns the cycle; an expired claim (a crashed worker) is taken by the next run. */
  @Column('timestamptz', { nullable: true })
  claimedUntil: Date | null;

  @Column('uuid', { nullable: true })
  runId: string | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('uuid', { nullable: true })
  invoiceId: string | null;

  /** For drafts under the organisation's grace period: when the draft is finalized. */
  @Column('timestamptz', { nullable: true })
  finalizeAt: Date | null;
}
