import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { COLLECTION_METHODS, CollectionMethod } from '../entities/customer.entity';
import { TAX_ID_TYPES, TaxIdType } from './customer.dto';

export class CustomerAddressResponse {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  state: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export class CustomerTaxIdResponse {
  @ApiProperty({ enum: TAX_ID_TYPES })
  type: TaxIdType;
  value: string;
}

/** A customer as the API returns it, and as other domains read it through `CustomersService`. */
export class CustomerResponse {
  id: string;
  externalId: string | null;
  name: string;
  legalName: string | null;
  billingEmails: string[];
  phone: string | null;
  @ApiPropertyOptional({ type: CustomerAddressResponse, nullable: true })
  billingAddress: CustomerAddressResponse | null;
  @ApiPropertyOptional({ type: CustomerAddressResponse, nullable: true })
  shippingAddress: CustomerAddressResponse | null;
  @ApiProperty({ type: [CustomerTaxIdResponse] })
  taxIds: CustomerTaxIdResponse[];
  /** ISO 4217. */
  currency: string;
  /** BCP 47; the organisation's applies when null. */
  locale: string | null;
  /** IANA; the organisation's applies when null. */
  timezone: string | null;
  paymentTermsDays: number;
  @ApiProperty({ enum: COLLECTION_METHODS })
  collectionMethod: CollectionMethod;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata: Record<string, string>;
  archivedAt: Date | null;
  /** When the first invoice was issued; such a customer can be archived but not deleted. */
  firstInvoicedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class CustomerPageResponse extends PageMeta {
  @ApiProperty({ type: [CustomerResponse] })
  data: CustomerResponse[];
}
