import { AppError, FieldError } from '@app/core';

/** Error codes of payment allocations on invoices (documented in docs/payments.md). */
export enum InvoicePaymentsErrorCode {
  AllocationExceedsRemaining = 'allocation_exceeds_remaining',
  AllocationInvoiceMismatch = 'allocation_invoice_mismatch',
}

export class InvoicePaymentsError extends AppError {
  constructor(status: number, code: InvoicePaymentsErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

/** A 422 naming the allocation field at fault (e.g. `allocations.1.amount`). */
export const allocationRefused = (
  code: InvoicePaymentsErrorCode,
  field: string,
  message: string,
): InvoicePaymentsError => new InvoicePaymentsError(422, code, `${field}: ${message}.`, [{ field, message }]);
