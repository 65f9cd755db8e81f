import { isCurrencyCode } from '@app/core';
import { CustomerResponse } from '@app/customers';
import { Invoice } from '../entities/invoice.entity';
import { InvoicingErrorCode, conflict, invalidField } from '../invoicing.errors';

/** 422 unless `currency` is an ISO 4217 code equal to the customer's. */
export function assertCustomerCurrency(
  customer: CustomerResponse,
  currency: string,
  field = 'currency',
): void {
  if (!isCurrencyCode(currency))
    throw invalidField(InvoicingErrorCode.InvalidInvoice, field, 'must be an ISO 4217 currency code');
  if (currency !== customer.currency)
    throw invalidField(
      InvoicingErrorCode.CurrencyMismatch,
      field,
      `the invoice currency ${currency} is not the customer's currency ${customer.currency}`,
    );
}

/** 409 `invoice_not_draft` for any edit of a finalized invoice. */
export function assertDraft(invoice: Invoice): void {
  if (invoice.status !== 'draft')
    throw conflict(
      InvoicingErrorCode.InvoiceNotDraft,
      `Invoice ${invoice.id} is ${invoice.status}; only drafts can change.`,
    );
}
