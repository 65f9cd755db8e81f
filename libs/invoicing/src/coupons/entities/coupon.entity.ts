import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

export const COUPON_KINDS = ['percent', 'fixed'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];
export const COUPON_DURATIONS = ['once', 'repeating', 'forever'] as const;
export type CouponDuration = (typeof COUPON_DURATIONS)[number];

/** A discount an organisation offers; applied to customers or subscriptions as `applied_coupons`. */
@Entity('coupons')
@Index('coupons_org_id_code_key', ['orgId', 'code'], { unique: true })
@Check('coupons_kind_check', `kind IN ('percent', 'fixed')`)
@Check('coupons_duration_check', `duration IN ('once', 'repeating', 'forever')`)
@Check(
  'coupons_amount_check',
  `(kind = 'percent' AND percent_off > 0 AND percent_off <= 100 AND amount_off IS NULL AND currency IS NULL)
   OR (kind = 'fixed' AND amount_off > 0 AND currency IS NOT NULL AND percent_off IS NULL)`,
)
@Check(
  'coupons_duration_periods_check',
  `(duration = 'repeating') = (duration_periods IS NOT NULL) AND (duration_periods IS NULL OR duration_periods >= 1)`,
)
@Check(
  'coupons_redemptions_check',
  'times_redeemed >= 0 AND (max_redemptions IS NULL OR (max_redemptions >= 1 AND times_redeemed <= max_redemptions))',
)
export class Coupon extends TenantEntity {
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: CouponKind;

  @Column('numeric', { precision: 7, scale: 4, nullable: true })
  percentOff: string | null;

  @MinorUnitsColumn({ nullable: true })
  amountOff: number | null;

  @Column('char', { length: 3, nullable: true })
  currency: string | null;

  @Column('text')
  duration: CouponDuration;

  /** Invoices a `repeating` coupon discounts. */
  @Column('int', { nullable: true })
  durationPeriods: number | null;

  @Column('int', { nullable: true })
  maxRedemptions: number | null;

  @Column('int', { default: 0 })
  timesRedeemed: number;

  /** Redeem-by: it cannot be applied from this instant on (applications made before keep working). */
  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  /** False once archived: no new applications. */
  @Column('boolean', { default: true })
  active: boolean;
}
