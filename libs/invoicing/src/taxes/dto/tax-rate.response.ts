import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { TAX_TREATMENTS, TaxTreatment } from '../entities/customer-tax-settings.entity';

export class TaxRateResponse {
  id: string;
  name: string;
  /** Decimal string without trailing zeros: '19', '7.6543'. */
  percentage: string;
  inclusive: boolean;
  country: string | null;
  region: string | null;
  description: string | null;
  active: boolean;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export class TaxRatePageResponse extends PageMeta {
  @ApiProperty({ type: [TaxRateResponse] })
  data: TaxRateResponse[];
}

export class CustomerTaxSettingsResponse {
  customerId: string;
  @ApiProperty({ enum: TAX_TREATMENTS })
  treatment: TaxTreatment;
  @ApiProperty({ type: [String], nullable: true })
  taxRateIds: string[] | null;
  legalNote: string | null;
}

export class ChargeTaxRatesResponse {
  chargeId: string;
  /** null = no override: customer override or org defaults apply. */
  @ApiProperty({ type: [String], nullable: true })
  taxRateIds: string[] | null;
}
