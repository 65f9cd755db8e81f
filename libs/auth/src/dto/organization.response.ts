import { ApiPropertyOptional } from '@nestjs/swagger';
import { AddressDto, TaxIdDto } from './organization.dto';

export class OrganizationResponse {
  id: string;
  name: string;
  legalName: string | null;
  @ApiPropertyOptional({ type: AddressDto, nullable: true })
  address: AddressDto | null;
  taxIds: TaxIdDto[];
  defaultCurrency: string;
  timezone: string;
  locale: string;
  require2fa: boolean;
  createdAt: Date;
  updatedAt: Date;
}
