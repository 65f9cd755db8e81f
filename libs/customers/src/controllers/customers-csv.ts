import { neutraliseCsvCell } from '@app/core';
import { CustomerAddressResponse, CustomerResponse } from '../dto/customer.response';

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'postalCode', 'state', 'country'] as const;
const capitalise = (word: string): string => word[0].toUpperCase() + word.slice(1);
const addressColumns = (prefix: string) => ADDRESS_PARTS.map((part) => `${prefix}${capitalise(part)}`);

/** The header row of `GET /v1/customers/export.csv`, in order. */
export const CUSTOMER_CSV_COLUMNS = [
  'id',
  'externalId',
  'name',
  'legalName',
  'billingEmails',
  'phone',
  'currency',
  'locale',
  'timezone',
  'paymentTermsDays',
  'collectionMethod',
  ...addressColumns('billingAddress'),
  ...addressColumns('shippingAddress'),
  'taxIds',
  'metadata',
  'archivedAt',
  'firstInvoicedAt',
  'createdAt',
  'updatedAt',
];

const cell = neutraliseCsvCell;
const date = (value: Date | null): string => (value ? value.toISOString() : '');

function address(prefix: string, value: CustomerAddressResponse | null): Record<string, string> {
  return Object.fromEntries(
    ADDRESS_PARTS.map((part) => [`${prefix}${capitalise(part)}`, cell(value?.[part] ?? null)]),
  );
}

/**
 * One CSV record. Every text a client supplied is neutralised against formula injection; lists are joined
 * with `;` (billing e-mails; tax ids as `type:value`), metadata is JSON.
 */
export function toCustomerCsvRecord(customer: CustomerResponse): Record<string, string> {
  return {
    id: customer.id,
    externalId: cell(customer.externalId),
    name: cell(customer.name),
    legalName: cell(customer.legalName),
    billingEmails: cell(customer.billingEmails.join(';')),
    phone: cell(customer.phone),
    currency: customer.currency,
    locale: cell(customer.locale),
    timezone: cell(customer.timezone),
    paymentTermsDays: String(customer.paymentTermsDays),
    collectionMethod: customer.collectionMethod,
    ...address('billingAddress', customer.billingAddress),
    ...address('shippingAddress', customer.shippingAddress),
    taxIds: cell(customer.taxIds.map((t) => `${t.type}:${t.value}`).join(';')),
    metadata: Object.keys(customer.metadata).length ? cell(JSON.stringify(customer.metadata)) : '',
    archivedAt: date(customer.archivedAt),
    firstInvoicedAt: date(customer.firstInvoicedAt),
    createdAt: date(customer.createdAt),
    updatedAt: date(customer.updatedAt),
  };
}
