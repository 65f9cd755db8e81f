import { Dec } from '../calculation/decimal';
import { AppliedCouponResponse, CouponResponse } from './dto/coupon.response';
import { AppliedCoupon } from './entities/applied-coupon.entity';
import { Coupon } from './entities/coupon.entity';

export function toCouponResponse(c: Coupon): CouponResponse {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    percentOff: c.percentOff === null ? null : new Dec(c.percentOff).toFixed(),
    amountOff: c.amountOff,
    currency: c.currency,
    duration: c.duration,
    durationPeriods: c.durationPeriods,
    maxRedemptions: c.maxRedemptions,
    timesRedeemed: c.timesRedeemed,
    expiresAt: c.expiresAt,
    active: c.active,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function toAppliedCouponResponse(a: AppliedCoupon & { coupon: Coupon }): AppliedCouponResponse {
  return {
    id: a.id,
    customerId: a.customerId,
    subscriptionId: a.subscriptionId,
    periodsRemaining: a.periodsRemaining,
    status: a.status,
    coupon: toCouponResponse(a.coupon),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
