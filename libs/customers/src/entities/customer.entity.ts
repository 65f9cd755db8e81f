import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

/** A postal address; `country` is ISO 3166-1 alpha-2. */
export interface CustomerAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  state: string | null;
  country: string;
}

export interface CustomerTaxId {
  type: string;
  value: string;
}

export const COLLECTION_METHODS = ['charge_automatically', 'send_invoice'] as const;
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

/**
 * Who an organisation bills. Never hard-deleted once invoiced (`firstInvoicedAt`, set by invoicing);
 * archived instead. Search: a trigram index on `customers_search_text(name, billing_emails)` and a GIN
 * index on `billing_emails`, both created by the migration (expression / GIN indexes TypeORM cannot
 * describe, hence `synchronize: false`).
 */
@Entity('customers')
@Index(['orgId', 'externalId'], { unique: true })
@Index(['orgId', 'id'])
@Index('IDX_customers_search_text', { synchronize: false })
@Index('IDX_customers_billing_emails', { synchronize: false })
@Check('CHK_customers_payment_terms_days', '"payment_terms_days" BETWEEN 0 AND 365')
@Check('CHK_customers_collection_method', `"collection_method" IN ('charge_automatically', 'send_invoice')`)
@Check('CHK_customers_billing_emails', 'cardinality("billing_emails") BETWEEN 1 AND 10')
export class Customer extends TenantEntity {
  /** The integrator's own id for the customer; unique per organisation. */
  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  legalName: string | null;

  /** Lower-cased; at least one. */
  @Column('text', { array: true })
  billingEmails: string[];

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('jsonb', { nullable: true })
  billingAddress: CustomerAddress | null;

  @Column('jsonb', { nullable: true })
  shippingAddress: CustomerAddress | null;

  @Column('jsonb', { default: () => "'[]'" })
  taxIds: CustomerTaxId[];

  /** ISO 4217, the currency the customer is invoiced in. */
  @Column('text')
  currency: string;

  /** BCP 47 (canonical form); the organisation's when null. */
  @Column('text', { nullable: true })
  locale: string | null;

  /** IANA time zone; the organisation's when null. */
  @Column('text', { nullable: true })
  timezone: string | null;

  @Column('integer', { default: 0 })
  paymentTermsDays: number;

  @Column('text', { default: 'charge_automatically' })
  collectionMethod: CollectionMethod;

  @Column('jsonb', { default: () => "'{}'" })
  metadata: Record<string, string>;

  @Column('timestamptz', { nullable: true })
  archivedAt: Date | null;

  /** Set by invoicing when the first invoice is issued; a customer with it set cannot be deleted. */
  @Column('timestamptz', { nullable: true })
  firstInvoicedAt: Date | null;
}
