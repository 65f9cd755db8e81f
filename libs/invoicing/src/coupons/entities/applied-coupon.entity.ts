import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '@app/core';
import { Coupon } from './coupon.entity';

export const APPLIED_COUPON_STATUSES = ['active', 'consumed', 'removed'] as const;
export type AppliedCouponStatus = (typeof APPLIED_COUPON_STATUSES)[number];

/**
 * A coupon applied to a customer (every invoice) or to one subscription (its invoices only). The customer and
 * subscription are other domains' rows: ids only. One active application of a coupon per customer/subscription.
 */
@Entity('applied_coupons')
@Index('applied_coupons_org_id_customer_id_idx', ['orgId', 'customerId'])
@Index('applied_coupons_active_customer_key', ['orgId', 'couponId', 'customerId'], {
  unique: true,
  where: `status = 'active' AND subscription_id IS NULL`,
})
@Index('applied_coupons_active_subscription_key', ['orgId', 'couponId', 'customerId', 'subscriptionId'], {
  unique: true,
  where: `status = 'active' AND subscription_id IS NOT NULL`,
})
@Check('applied_coupons_status_check', `status IN ('active', 'consumed', 'removed')`)
@Check('applied_coupons_periods_remaining_check', 'periods_remaining IS NULL OR periods_remaining >= 0')
export class AppliedCoupon extends TenantEntity {
  @Column('uuid')
  couponId: string;

  @ManyToOne(() => Coupon, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coupon_id' })
  coupon?: Coupon;

  @Column('uuid')
  customerId: string;

  @Column('uuid', { nullable: true })
  subscriptionId: string | null;

  /** Invoices still to discount: 1 for `once`, N for `repeating`, null for `forever`. */
  @Column('int', { nullable: true })
  periodsRemaining: number | null;

  @Column('text', { default: 'active' })
  status: AppliedCouponStatus;
}
