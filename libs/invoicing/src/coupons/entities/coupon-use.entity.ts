import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '@app/core';
import { AppliedCoupon } from './applied-coupon.entity';

/** One invoice discounted by one applied coupon; the unique key makes recording a use idempotent. */
@Entity('coupon_uses')
@Index('coupon_uses_applied_coupon_id_invoice_id_key', ['appliedCouponId', 'invoiceId'], { unique: true })
export class CouponUse extends TenantEntity {
  @Column('uuid')
  appliedCouponId: string;

  @ManyToOne(() => AppliedCoupon, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'applied_coupon_id' })
  appliedCoupon?: AppliedCoupon;

  /** The invoice (invoicing's own table, written by another part of this lib): id only. */
  @Column('uuid')
  invoiceId: string;
}
