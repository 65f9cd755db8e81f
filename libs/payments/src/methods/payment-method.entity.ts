import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

/**
 * A payment method a customer saved at Stripe (docs/payments-collection.md). At most one live default per
 * customer; a detached method is kept with `detachedAt` set.
 */
@Entity('payment_methods')
@Index('payment_methods_org_id_customer_id_idx', ['orgId', 'customerId'])
@Index('payment_methods_org_id_provider_payment_method_id_key', ['orgId', 'providerPaymentMethodId'], {
  unique: true,
})
@Index('payment_methods_one_default_key', ['orgId', 'customerId'], {
  unique: true,
  where: 'is_default AND detached_at IS NULL',
})
export class SavedPaymentMethod extends TenantEntity {
  @Column('uuid')
  customerId: string;

  /** Stripe's `pm_…` id. */
  @Column('text')
  providerPaymentMethodId: string;

  /** Stripe's type: `card`, `us_bank_account`, … */
  @Column('text')
  type: string;

  @Column('text', { nullable: true })
  brand: string | null;

  @Column('text', { nullable: true })
  last4: string | null;

  @Column('smallint', { nullable: true })
  expMonth: number | null;

  @Column('smallint', { nullable: true })
  expYear: number | null;

  @Column('boolean', { default: false })
  isDefault: boolean;

  @Column('timestamptz', { nullable: true })
  detachedAt: Date | null;
}
