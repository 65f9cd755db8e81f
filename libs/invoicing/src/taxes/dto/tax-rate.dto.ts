import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery, queryBoolean } from '@app/core';

export class CreateTaxRateDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** 0..100 with at most 4 decimals, as a string ('19', '7.6543') or a JSON number; otherwise 422. */
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '19' })
  @IsDefined()
  percentage: string | number;

  /** True when prices already include this tax. */
  @IsBoolean()
  inclusive: boolean;

  /** ISO 3166-1 alpha-2 (422 otherwise). */
  @IsOptional()
  @IsString()
  country?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** Applies to every line no customer or charge override covers. */
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

/** Percentage and inclusiveness are fixed once created: create a new rate and deactivate this one. */
export class UpdateTaxRateDto extends PartialType(
  OmitType(CreateTaxRateDto, ['percentage', 'inclusive'] as const),
) {}

export class TaxRateQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}
