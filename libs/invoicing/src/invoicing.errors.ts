import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of the invoicing domain (documented in docs/invoicing.md). */
export enum InvoicingErrorCode {
  InvoiceNotFound = 'invoice_not_found',
  InvoiceLineNotFound = 'invoice_line_not_found',
  InvalidInvoice = 'invalid_invoice',
  InvalidAmount = 'invalid_amount',
  CurrencyMismatch = 'currency_mismatch',
  InvoiceNotDraft = 'invoice_not_draft',
  InvoiceEmpty = 'invoice_empty',
  NegativeTotal = 'invoice_negative_total',
  InvalidTransition = 'invalid_invoice_transition',
  InvoiceHasPayments = 'invoice_has_payments',
  InvoiceHasCreditNotes = 'invoice_has_credit_notes',
  InvalidNumberPattern = 'invalid_number_pattern',
  InvalidSettings = 'invalid_invoicing_settings',
}

export class InvoicingError extends AppError {
  constructor(status: number, code: InvoicingErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const invoiceNotFound = (id: string): AppError => new NotFoundError('invoice', id);
export const invoiceLineNotFound = (id: string): AppError => new NotFoundError('invoice_line', id);

/** A 422 naming the rejected field. */
export const invalidField = (code: InvoicingErrorCode, field: string, message: string): InvoicingError =>
  new InvoicingError(422, code, `${field}: ${message}.`, [{ field, message }]);

export const conflict = (code: InvoicingErrorCode, detail: string): InvoicingError =>
  new InvoicingError(409, code, detail);
