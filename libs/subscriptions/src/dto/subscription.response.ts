import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { BILLING_INTERVALS, BillingInterval } from '../periods';
import { SUBSCRIPTION_STATUSES, SubscriptionStatus } from '../entities/subscription.entity';

export class PendingPlanChangeResponse {
  planId: string;
  planCode: string;
  /** When it takes effect: the end of the current period. */
  effectiveAt: Date;
}

export class SubscriptionResponse {
  id: string;
  externalId: string | null;
  customerId: string;
  /** The pinned plan version. */
  planId: string;
  planCode: string;
  currency: string;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES })
  status: SubscriptionStatus;
  timezone: string;
  @ApiProperty({ enum: BILLING_INTERVALS })
  interval: BillingInterval;
  intervalCount: number;
  startedAt: Date;
  billingAnchor: Date;
  trialEndsAt: Date | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  pausedAt: Date | null;
  @ApiProperty({ type: PendingPlanChangeResponse, nullable: true })
  pendingPlanChange: PendingPlanChangeResponse | null;
  createdAt: Date;
  updatedAt: Date;
}

export class SubscriptionPageResponse extends PageMeta {
  @ApiProperty({ type: [SubscriptionResponse] })
  data: SubscriptionResponse[];
}

export class ProrationLineResponse {
  @ApiProperty({ enum: ['credit', 'charge'] })
  kind: 'credit' | 'charge';
  planId: string;
  planCode: string;
  currency: string;
  /** Minor units; negative for a credit. */
  amount: number;
  periodStart: string;
  periodEnd: string;
  secondsRemaining: number;
  secondsInPeriod: number;
}

export class ChangePlanResponse {
  subscription: SubscriptionResponse;
  /** Empty for `period_end` and during a trial. */
  @ApiProperty({ type: [ProrationLineResponse] })
  prorations: ProrationLineResponse[];
}
