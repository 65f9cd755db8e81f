import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageMeta, PageQuery } from '@app/core';
import { PAYMENT_STATUSES, PaymentStatus } from '../payments.types';
import { DUNNING_FINAL_ACTIONS, DunningFinalAction } from '../settings/payment-settings.entity';
import { DUNNING_STATUSES, DunningStatus } from './invoice-dunning.entity';

export class DunningQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DUNNING_STATUSES })
  @IsOptional()
  @IsIn(DUNNING_STATUSES)
  status?: DunningStatus;

  @IsOptional()
  @IsUUID()
  customerId?: string;
}

export class InvoiceDunningResponse {
  id: string;
  invoiceId: string;
  customerId: string;
  @ApiProperty({ enum: DUNNING_STATUSES })
  status: DunningStatus;
  /** Steps of the schedule already run. */
  retriesDone: number;
  firstFailedAt: Date;
  /** When the next step runs; null while a retry's outcome is awaited and once dunning ended. */
  nextAttemptAt: Date | null;
  lastFailureCode: string | null;
  lastDeclineCode: string | null;
  /** No charge is retried until the customer adds a payment method (the steps send reminders only). */
  hardDecline: boolean;
  /** When the grace period ends: the customer's subscriptions become past_due if the invoice is still unpaid. */
  gracePeriodEndsAt: Date;
  /** When the customer's subscriptions became past_due (grace period over). */
  pastDueAt: Date | null;
  @ApiProperty({ enum: DUNNING_FINAL_ACTIONS, nullable: true })
  finalAction: DunningFinalAction | null;
  finalActionAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class DunningStepResponse {
  step: number;
  at: Date;
  /** The step already ran. */
  done: boolean;
}

/** A charge of the invoice: each failure dunning was told of, and the payments that paid it. */
export class DunningAttemptResponse {
  paymentId: string;
  @ApiProperty({ enum: PAYMENT_STATUSES })
  status: PaymentStatus;
  /** Minor units. */
  amount: number;
  currency: string;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
}

export class InvoiceDunningDetailResponse extends InvoiceDunningResponse {
  /** The retry days of this dunning (the org's schedule when it started), as dated steps. */
  @ApiProperty({ type: [DunningStepResponse] })
  schedule: DunningStepResponse[];
  /** What happens if the last step fails: the org's current setting while active, else what was done. */
  @ApiProperty({ enum: DUNNING_FINAL_ACTIONS })
  plannedFinalAction: DunningFinalAction;
  @ApiProperty({ type: [DunningAttemptResponse] })
  attempts: DunningAttemptResponse[];
}

export class DunningPageResponse extends PageMeta {
  @ApiProperty({ type: [InvoiceDunningResponse] })
  data: InvoiceDunningResponse[];
}
