import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { APPLIED_COUPON_STATUSES, AppliedCouponStatus } from '../entities/applied-coupon.entity';
import { COUPON_DURATIONS, COUPON_KINDS, CouponDuration, CouponKind } from '../entities/coupon.entity';

export class CouponResponse {
  id: string;
  code: string;
  name: string;
  @ApiProperty({ enum: COUPON_KINDS })
  kind: CouponKind;
  /** Decimal string ('12.5') for `percent`, else null. */
  percentOff: string | null;
  /** Minor units of `currency` for `fixed`, else null. */
  amountOff: number | null;
  currency: string | null;
  @ApiProperty({ enum: COUPON_DURATIONS })
  duration: CouponDuration;
  durationPeriods: number | null;
  maxRedemptions: number | null;
  timesRedeemed: number;
  expiresAt: Date | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export class CouponPageResponse extends PageMeta {
  @ApiProperty({ type: [CouponResponse] })
  data: CouponResponse[];
}

export class AppliedCouponResponse {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  /** Invoices still to discount; null for `forever`. */
  periodsRemaining: number | null;
  @ApiProperty({ enum: APPLIED_COUPON_STATUSES })
  status: AppliedCouponStatus;
  coupon: CouponResponse;
  createdAt: Date;
  updatedAt: Date;
}

export class AppliedCouponPageResponse extends PageMeta {
  @ApiProperty({ type: [AppliedCouponResponse] })
  data: AppliedCouponResponse[];
}
