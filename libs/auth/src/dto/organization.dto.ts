import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsISO4217CurrencyCode,
  IsLocale,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  MaxLength,
  MinLength,
  ValidateNested,
  ArrayMaxSize,
  ValidateIf,
} from 'class-validator';

export class AddressDto {
  @IsOptional() @IsString() @MaxLength(200) line1?: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @IsOptional() @IsString() @MaxLength(100) state?: string;
  /** ISO 3166-1 alpha-2. */
  @IsOptional() @IsString() @Length(2, 2) country?: string;
}

export class TaxIdDto {
  /** e.g. `eu_vat`, `us_ein`, `gb_vat`. */
  @IsString()
  @MaxLength(32)
  type: string;

  @IsString()
  @MaxLength(64)
  value: string;
}

/** May be left out, but not set to null (the column has no "unset" state). */
const IsOptionalNotNull = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

export class UpdateOrganizationDto {
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  legalName?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TaxIdDto)
  taxIds?: TaxIdDto[];

  /** ISO 4217, e.g. `EUR`. */
  @IsOptionalNotNull()
  @IsISO4217CurrencyCode()
  defaultCurrency?: string;

  /** IANA time zone, e.g. `Europe/Berlin`. */
  @IsOptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  /** BCP 47 locale, e.g. `de-DE`. */
  @IsOptionalNotNull()
  @IsLocale()
  locale?: string;

  /** Members without 2FA can then only enrol until they turn it on. */
  @IsOptionalNotNull()
  @IsBoolean()
  require2fa?: boolean;
}
