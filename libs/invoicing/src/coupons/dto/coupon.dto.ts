import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { queryBoolean } from '@app/core';
import { APPLIED_COUPON_STATUSES, AppliedCouponStatus } from '../entities/applied-coupon.entity';
import { COUPON_DURATIONS, COUPON_KINDS, CouponDuration, CouponKind } from '../entities/coupon.entity';

export class CreateCouponDto {
  /** What is typed to apply it; unique in the organisation (409), case-sensitive. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1–64 letters, digits, _ or -' })
  code: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: COUPON_KINDS })
  @IsIn(COUPON_KINDS)
  kind: CouponKind;

  /** For `percent`: more than 0, at most 100, at most 4 decimals ('10', 12.5). */
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }] })
  @IsOptional()
  percentOff?: string | number;

  /** For `fixed`: a positive integer in minor units of `currency`. */
  @IsOptional()
  @IsInt()
  @Min(1)
  amountOff?: number;

  /** For `fixed`: ISO 4217. */
  @IsOptional()
  @IsString()
  currency?: string;

  @ApiProperty({ enum: COUPON_DURATIONS })
  @IsIn(COUPON_DURATIONS)
  duration: CouponDuration;

  /** For `repeating`: how many invoices it discounts. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  durationPeriods?: number;

  /** How many times it can be applied in total; unlimited when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  maxRedemptions?: number;

  /** Redeem-by (ISO 8601 instant): cannot be applied from then on. */
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

/** What a coupon discounts never changes; create another coupon instead. */
export class UpdateCouponDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  /** Not below the times already redeemed (422). */
  @IsOptional()
  @IsInt()
  @Min(1)
  maxRedemptions?: number | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}

export class CouponQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}

export class ApplyCouponDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  couponCode: string;

  /** Only invoices of this subscription (of the same customer) are discounted; all the customer's when absent. */
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}

export class AppliedCouponQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLIED_COUPON_STATUSES })
  @IsOptional()
  @IsIn(APPLIED_COUPON_STATUSES)
  status?: AppliedCouponStatus;
}
