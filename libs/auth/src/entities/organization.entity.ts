import { BaseEntity } from '@app/core';
import { Column, Entity } from 'typeorm';

export interface PostalAddress {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  state?: string;
  country?: string;
}

export interface TaxId {
  type: string;
  value: string;
}

/** A tenant. Its id is the `org_id` of every tenant-owned row. */
@Entity('organizations')
export class Organization extends BaseEntity {
  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  legalName: string | null;

  @Column('jsonb', { nullable: true })
  address: PostalAddress | null;

  @Column('jsonb')
  taxIds: TaxId[];

  @Column('text', { default: 'USD' })
  defaultCurrency: string;

  @Column('text', { default: 'UTC' })
  timezone: string;

  @Column('text', { default: 'en' })
  locale: string;

  @Column('boolean', { default: false })
  require2fa: boolean;
}
