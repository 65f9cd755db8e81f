import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { BILLING_CYCLE_STATUSES, BillingCycleStatus } from '../billing-cycle.entity';

export class BillingPeriodResponse {
  @ApiProperty({ type: String, format: 'date-time' })
  start: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' })
  end: Date;

  @ApiProperty()
  planId: string;

  @ApiProperty({ description: 'Trialing or paused: no base fee' })
  feeWaived: boolean;
}

export class BillingCycleResponse {
  @ApiProperty()
  id: string;

  @ApiProperty()
  subscriptionId: string;

  @ApiProperty()
  customerId: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'The instant one period ended and the next began',
  })
  boundary: Date;

  @ApiProperty({ type: BillingPeriodResponse, nullable: true, description: 'Billed in arrears' })
  closedPeriod: BillingPeriodResponse | null;

  @ApiProperty({ type: BillingPeriodResponse, nullable: true, description: 'Its fee billed in advance' })
  nextPeriod: BillingPeriodResponse | null;

  @ApiProperty({ enum: BILLING_CYCLE_STATUSES })
  status: BillingCycleStatus;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time' })
  nextAttemptAt: Date;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ type: String, nullable: true })
  invoiceId: string | null;

  @ApiProperty({ type: String, nullable: true })
  runId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finalizeAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;
}

export class BillingCyclePageResponse extends PageMeta {
  @ApiProperty({ type: [BillingCycleResponse] })
  data: BillingCycleResponse[];
}

export class BillingRunCountsResponse {
  @ApiProperty({ description: "This organisation's cycles in the run" })
  cycles: number;

  @ApiProperty()
  invoiced: number;

  @ApiProperty()
  awaitingFinalization: number;

  @ApiProperty()
  skipped: number;

  @ApiProperty({ description: 'Retrying or given up' })
  failed: number;

  @ApiProperty({ description: 'Not billed yet' })
  pending: number;
}

export class BillingRunResponse {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['schedule', 'manual'] })
  trigger: string;

  @ApiProperty({ type: String, format: 'date-time' })
  startedAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: Date | null;

  @ApiProperty({ type: Number, nullable: true })
  durationMs: number | null;

  @ApiProperty({ type: BillingRunCountsResponse })
  counts: BillingRunCountsResponse;
}

export class BillingRunPageResponse extends PageMeta {
  @ApiProperty({ type: [BillingRunResponse] })
  data: BillingRunResponse[];
}
