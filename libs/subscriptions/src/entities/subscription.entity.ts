import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';
import type { BillingInterval } from '../periods';

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'paused', 'canceled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * A customer's subscription to one immutable plan version. The plan's currency, interval and the
 * customer's time zone are copied at creation so the billing periods never change under it. The customer
 * and plan are other domains' rows: referenced by id, read through their services, no foreign key.
 */
@Entity('subscriptions')
@Index('subscriptions_org_id_external_id_key', ['orgId', 'externalId'], { unique: true })
@Index('subscriptions_org_id_customer_id_idx', ['orgId', 'customerId'])
@Index('subscriptions_org_id_plan_code_idx', ['orgId', 'planCode'])
@Index('subscriptions_current_period_end_idx', ['currentPeriodEnd'])
@Check('subscriptions_status_check', `status IN ('trialing', 'active', 'past_due', 'paused', 'canceled')`)
@Check('subscriptions_interval_check', `interval IN ('week', 'month', 'quarter', 'year')`)
@Check('subscriptions_interval_count_check', 'interval_count BETWEEN 1 AND 12')
@Check('subscriptions_period_check', 'current_period_end > current_period_start')
export class Subscription extends TenantEntity {
  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('uuid')
  customerId: string;

  /** The pinned plan version. */
  @Column('uuid')
  planId: string;

  @Column('text')
  planCode: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: SubscriptionStatus;

  /** IANA zone whose calendar the periods follow (the customer's, UTC when it has none). */
  @Column('text')
  timezone: string;

  @Column('text')
  interval: BillingInterval;

  @Column('int')
  intervalCount: number;

  @Column('timestamptz')
  startedAt: Date;

  @Column('timestamptz')
  billingAnchor: Date;

  @Column('timestamptz', { nullable: true })
  trialEndsAt: Date | null;

  @Column('timestamptz')
  currentPeriodStart: Date;

  @Column('timestamptz')
  currentPeriodEnd: Date;

  @Column('boolean', { default: false })
  cancelAtPeriodEnd: boolean;

  /** When the cancellation was requested. */
  @Column('timestamptz', { nullable: true })
  canceledAt: Date | null;

  /** When the subscription stopped (status `canceled`). */
  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  pausedAt: Date | null;

  /** A plan version to switch to at the end of the current period. */
  @Column('uuid', { nullable: true })
  pendingPlanId: string | null;

  @Column('text', { nullable: true })
  pendingPlanCode: string | null;
}
