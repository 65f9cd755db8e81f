import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

export const FX_RATE_SOURCES = ['manual', 'import'] as const;
export type FxRateSource = (typeof FX_RATE_SOURCES)[number];

/** 1 unit of `baseCurrency` = `rate` units of `quoteCurrency`, from `effectiveDate` until a later rate. */
@Entity('fx_rates')
@Index(
  'fx_rates_org_id_pair_effective_date_key',
  ['orgId', 'baseCurrency', 'quoteCurrency', 'effectiveDate'],
  {
    unique: true,
  },
)
@Check('fx_rates_rate_check', 'rate > 0')
@Check('fx_rates_source_check', `source IN ('manual', 'import')`)
@Check('fx_rates_pair_check', 'base_currency <> quote_currency')
export class FxRate extends TenantEntity {
  @Column('char', { length: 3 })
  baseCurrency: string;

  @Column('char', { length: 3 })
  quoteCurrency: string;

  @Column('numeric', { precision: 20, scale: 10 })
  rate: string;

  /** YYYY-MM-DD. */
  @Column('date')
  effectiveDate: string;

  @Column('text')
  source: FxRateSource;
}
