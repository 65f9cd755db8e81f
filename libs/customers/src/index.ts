export * from './customers.module';
export * from './customers.errors';
export { CustomersService } from './services/customers.service';
export { CustomerResponse, CustomerAddressResponse, CustomerTaxIdResponse } from './dto/customer.response';
export { TAX_ID_TYPES } from './dto/customer.dto';
export type { TaxIdType } from './dto/customer.dto';
export { COLLECTION_METHODS } from './entities/customer.entity';
export type { CollectionMethod } from './entities/customer.entity';
