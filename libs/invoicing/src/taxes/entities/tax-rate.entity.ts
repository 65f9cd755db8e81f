import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

/** A tax rate of an organisation. Percentage and inclusiveness never change: invoices keep what they used. */
@Entity('tax_rates')
@Index('tax_rates_org_id_is_default_idx', ['orgId', 'isDefault'])
@Check('tax_rates_percentage_check', 'percentage >= 0 AND percentage <= 100')
export class TaxRate extends TenantEntity {
  @Column('text')
  name: string;

  /** 0..100 with up to 4 decimals, as pg returns it ('19.0000'). */
  @Column('numeric', { precision: 7, scale: 4 })
  percentage: string;

  @Column('boolean')
  inclusive: boolean;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { length: 2, nullable: true })
  country: string | null;

  @Column('text', { nullable: true })
  region: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('boolean', { default: true })
  active: boolean;

  /** Applies to every line that no override covers. */
  @Column('boolean', { default: false })
  isDefault: boolean;
}
