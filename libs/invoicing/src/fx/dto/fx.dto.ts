import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';

export class PutFxSettingsDto {
  /** ISO 4217: what reports convert amounts into. */
  @IsString()
  reportingCurrency: string;
}

/** Values are checked by the service so that a batch answers 422 naming each bad item (`rates.3.rate`). */
export class FxRateItemDto {
  /** ISO 4217. 1 unit of base = `rate` units of quote. */
  @IsString()
  baseCurrency: string;

  @IsString()
  quoteCurrency: string;

  /** > 0, at most 10 integer digits and 10 decimals, as a string ('1.0845') or a JSON number. */
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }] })
  @IsOptional()
  rate: string | number;

  /** YYYY-MM-DD: the rate applies from this day until a later one. */
  @IsString()
  effectiveDate: string;
}

/** One rate (source `manual`) or `{ rates: [...] }` (source `import`), upserted all-or-nothing. */
export class PostFxRatesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  baseCurrency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  quoteCurrency?: string;

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }] })
  @IsOptional()
  rate?: string | number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  effectiveDate?: string;

  @ApiPropertyOptional({ type: [FxRateItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => FxRateItemDto)
  rates?: FxRateItemDto[];
}

export class FxRateQuery extends PageQuery {
  @IsOptional()
  @IsString()
  base?: string;

  @IsOptional()
  @IsString()
  quote?: string;

  /** YYYY-MM-DD: only the rate in effect on that day, per pair. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  on?: string;
}

export class FxConvertQuery {
  /** Integer minor units of `from`. */
  @Type(() => Number)
  @IsInt()
  amount: number;

  @IsString()
  from: string;

  @IsString()
  to: string;

  /** YYYY-MM-DD; today (UTC) when absent. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  on?: string;
}
