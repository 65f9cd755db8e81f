import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { SUBSCRIPTION_STATUSES, SubscriptionStatus } from '../entities/subscription.entity';

/** A plan: by code (its latest version) or by the id of one version; exactly one of them. */
class PlanReferenceDto {
  /** Code of the plan; its latest version is used. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  planCode?: string;

  /** Id of one plan version (from `GET /v1/plans/{code}/versions`). */
  @IsOptional()
  @IsUUID()
  planId?: string;
}

export class CreateSubscriptionDto extends PlanReferenceDto {
  /** The customer, by id… */
  @IsOptional()
  @IsUUID()
  customerId?: string;

  /** …or by its external id (exactly one of the two). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  customerExternalId?: string;

  /** Your id for the subscription; unique in the organisation (409 otherwise). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  externalId?: string;

  /** ISO 8601 instant; defaults to now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  startDate?: string;

  /** ISO 8601 instant from which periods repeat; defaults to the start date. */
  @IsOptional()
  @IsISO8601({ strict: true })
  billingAnchor?: string;

  /** Days of free trial from the start; defaults to the plan's. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(730)
  trialDays?: number;
}

export class SubscriptionQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES })
  @IsOptional()
  @IsIn(SUBSCRIPTION_STATUSES)
  status?: SubscriptionStatus;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  planCode?: string;
}

export class CancelSubscriptionDto {
  /** true: the subscription ends with its current period (undo with `/resume`); false: it ends now. */
  @IsBoolean()
  atPeriodEnd: boolean;
}

export const CHANGE_EFFECTIVE = ['now', 'period_end'] as const;
export type ChangeEffective = (typeof CHANGE_EFFECTIVE)[number];

export class ChangePlanDto extends PlanReferenceDto {
  @ApiProperty({ enum: CHANGE_EFFECTIVE })
  @IsIn(CHANGE_EFFECTIVE)
  effective: ChangeEffective;

  /**
   * For `now`: the instant the proration is computed at (ISO 8601, within the current period, not in the
   * future); defaults to now. Lets a client quote a change and then apply it with the same amounts.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  prorationDate?: string;
}
