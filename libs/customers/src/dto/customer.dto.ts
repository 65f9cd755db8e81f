import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COLLECTION_METHODS, CollectionMethod } from '../entities/customer.entity';
import {
  IsBcp47Locale,
  IsBoundedMetadata,
  IsCurrency,
  IsIanaTimeZone,
  NoControlCharacters,
} from '../validation/customer-validators';

/** The tax id types a customer can carry (Stripe's names). */
export const TAX_ID_TYPES = [
  'eu_vat',
  'gb_vat',
  'ch_vat',
  'no_vat',
  'us_ein',
  'ca_bn',
  'ca_gst_hst',
  'ca_qst',
  'au_abn',
  'au_arn',
  'nz_gst',
  'in_gst',
  'jp_cn',
  'jp_trn',
  'kr_brn',
  'sg_gst',
  'sg_uen',
  'hk_br',
  'ae_trn',
  'sa_vat',
  'za_vat',
  'br_cnpj',
  'br_cpf',
  'mx_rfc',
  'eu_oss_vat',
] as const;
export type TaxIdType = (typeof TAX_ID_TYPES)[number];

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emails = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((e) => (typeof e === 'string' ? e.trim().toLowerCase() : e))
    : value;

/** Not blank: at least one non-space character. */
const NOT_BLANK = /\S/;

/** May be left out, but not set to null (the column has no "unset" state). */
const IsOptionalNotNull = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

export class CustomerAddressDto {
  @IsOptional() @IsString() @NoControlCharacters() @MaxLength(200) line1?: string | null;
  @IsOptional() @IsString() @NoControlCharacters() @MaxLength(200) line2?: string | null;
  @IsOptional() @IsString() @NoControlCharacters() @MaxLength(100) city?: string | null;
  @IsOptional() @IsString() @NoControlCharacters() @MaxLength(20) postalCode?: string | null;
  @IsOptional() @IsString() @NoControlCharacters() @MaxLength(100) state?: string | null;

  /** ISO 3166-1 alpha-2, e.g. `DE` (upper-cased). */
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code such as DE' })
  country: string;
}

export class CustomerTaxIdDto {
  @ApiProperty({ enum: TAX_ID_TYPES })
  @IsIn(TAX_ID_TYPES, { message: `type must be one of: ${TAX_ID_TYPES.join(', ')}` })
  type: TaxIdType;

  /** e.g. `DE123456789`. */
  @Transform(trimmed)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 .\-/]{0,63}$/, {
    message: 'value must be 1 to 64 letters, digits, spaces, dots, dashes or slashes',
  })
  value: string;
}

export class CreateCustomerDto {
  /** Your own id for the customer, unique in the organisation. */
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MaxLength(255)
  @Matches(/^\S(.*\S)?$/, { message: 'externalId must not start or end with whitespace' })
  externalId?: string | null;

  @IsString()
  @NoControlCharacters()
  @MaxLength(256)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name: string;

  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MaxLength(256)
  legalName?: string | null;

  /** 1 to 10 addresses invoices are sent to (stored lower-cased). */
  @Transform(emails)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'billingEmails must not contain the same address twice' })
  @IsEmail({}, { each: true, message: 'each value in billingEmails must be an email address' })
  @MaxLength(254, { each: true })
  billingEmails: string[];

  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{3,32}( ?(x|ext\.?) ?[0-9]{1,6})?$/, {
    message: 'phone must be a phone number such as +49 30 1234567',
  })
  phone?: string | null;

  @ApiPropertyOptional({ type: CustomerAddressDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerAddressDto)
  billingAddress?: CustomerAddressDto | null;

  @ApiPropertyOptional({ type: CustomerAddressDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerAddressDto)
  shippingAddress?: CustomerAddressDto | null;

  @ApiPropertyOptional({ type: [CustomerTaxIdDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CustomerTaxIdDto)
  taxIds?: CustomerTaxIdDto[];

  /** ISO 4217, e.g. `EUR` (upper-cased): the currency the customer is invoiced in. */
  @Transform(upper)
  @IsCurrency()
  currency: string;

  /** BCP 47, e.g. `de-DE`; stored in canonical form. The organisation's when null. */
  @IsOptional()
  @IsBcp47Locale()
  locale?: string | null;

  /** IANA time zone, e.g. `Europe/Berlin`. The organisation's when null. */
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string | null;

  /** Days between an invoice's issue and its due date, 0 to 365 (default 0). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number;

  /** `charge_automatically` (default) or `send_invoice`. */
  @ApiPropertyOptional({ enum: COLLECTION_METHODS })
  @IsOptionalNotNull()
  @IsIn(COLLECTION_METHODS, { message: `collectionMethod must be one of: ${COLLECTION_METHODS.join(', ')}` })
  collectionMethod?: CollectionMethod;

  /** Up to 50 keys (1 to 40 characters) with string values of up to 500 characters. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptionalNotNull()
  @IsBoundedMetadata()
  // The body's own object: class-transformer would silently drop keys such as `constructor` or `toString`.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj.metadata)
  metadata?: Record<string, string>;
}

/**
 * Every field optional; `null` clears a nullable field (and is refused for the others). Metadata and tax ids
 * are replaced as a whole.
 */
export class UpdateCustomerDto extends PartialType(CreateCustomerDto, { skipNullProperties: false }) {}
