import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, queryBoolean } from '@app/core';
import { BILLING_CYCLE_STATUSES, BillingCycleStatus } from '../billing-cycle.entity';

export class BillingCycleQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BILLING_CYCLE_STATUSES })
  @IsOptional()
  @IsIn(BILLING_CYCLE_STATUSES)
  status?: BillingCycleStatus;

  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  /** Only cycles whose last attempt failed (retrying, or given up: `failed`). */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  failing?: boolean;
}
