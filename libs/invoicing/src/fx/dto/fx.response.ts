import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { FX_RATE_SOURCES, FxRateSource } from '../entities/fx-rate.entity';

export class FxSettingsResponse {
  /** null until set. */
  @ApiProperty({ nullable: true, type: String })
  reportingCurrency: string | null;
}

export class FxRateResponse {
  id: string;
  baseCurrency: string;
  quoteCurrency: string;
  /** Decimal string without trailing zeros. */
  rate: string;
  effectiveDate: string;
  @ApiProperty({ enum: FX_RATE_SOURCES })
  source: FxRateSource;
  createdAt: Date;
  updatedAt: Date;
}

export class FxRateListResponse {
  @ApiProperty({ type: [FxRateResponse] })
  data: FxRateResponse[];
}

export class FxRatePageResponse extends PageMeta {
  @ApiProperty({ type: [FxRateResponse] })
  data: FxRateResponse[];
}

export class FxConversionResponse {
  /** Integer minor units of `currency`. */
  amount: number;
  currency: string;
  /** Units of `currency` per unit of the source currency, as applied (inverted when only the opposite pair exists). */
  rate: string;
  /** The effective date of the stored rate used. */
  effectiveDate: string;
  inverse: boolean;
}
