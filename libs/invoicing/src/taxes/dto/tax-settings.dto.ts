import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TAX_TREATMENTS, TaxTreatment } from '../entities/customer-tax-settings.entity';

export class PutCustomerTaxSettingsDto {
  @ApiProperty({ enum: TAX_TREATMENTS })
  @IsIn(TAX_TREATMENTS)
  treatment: TaxTreatment;

  /** Active rates replacing the org defaults for this customer; null or absent = the org defaults. */
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  taxRateIds?: string[] | null;

  /** Printed on invoices; reverse charge defaults to the Article 196 note. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  legalNote?: string | null;
}

export class PutChargeTaxRatesDto {
  /** Active rates for lines of this charge; [] = not taxed; null = remove the override. */
  @ApiProperty({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  taxRateIds: string[] | null;
}
