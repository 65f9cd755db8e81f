import { AppError, NotFoundError } from '@app/core';

/** Stable error codes of coupons (documented in docs/taxes-coupons-fx.md). */
export enum CouponsErrorCode {
  CouponNotFound = 'coupon_not_found',
  AppliedCouponNotFound = 'applied_coupon_not_found',
  InvalidCoupon = 'invalid_coupon',
  CouponInactive = 'coupon_inactive',
  CouponExpired = 'coupon_expired',
  CouponExhausted = 'coupon_exhausted',
  CouponCurrencyMismatch = 'coupon_currency_mismatch',
  AppliedCouponNotActive = 'applied_coupon_not_active',
}

export const couponNotFound = (id: string): AppError => new NotFoundError('coupon', id);
export const appliedCouponNotFound = (id: string): AppError => new NotFoundError('applied_coupon', id);

/** A 422 naming the rejected field. */
export const invalidCouponField = (code: CouponsErrorCode, field: string, message: string): AppError =>
  new AppError(422, code, `${field}: ${message}.`, [{ field, message }]);
