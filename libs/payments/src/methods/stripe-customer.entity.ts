import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

/**
 * The Stripe customer of one of our customers (docs/payments-collection.md), created lazily the first time
 * the customer needs one. The customer is another domain's row: referenced by id, no foreign key.
 */
@Entity('stripe_customers')
@Index('stripe_customers_org_id_customer_id_key', ['orgId', 'customerId'], { unique: true })
export class StripeCustomer extends TenantEntity {
  @Column('uuid')
  customerId: string;

  @Column('text')
  stripeCustomerId: string;
}
