import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of bulk invoice operations (documented in docs/invoicing-bulk.md). */
export enum InvoiceBulkErrorCode {
  InvalidBulkOperation = 'invalid_bulk_operation',
  BulkSelectionTooLarge = 'bulk_selection_too_large',
}

export class InvoiceBulkError extends AppError {
  constructor(status: number, code: InvoiceBulkErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const bulkOperationNotFound = (id: string): AppError =>
  new NotFoundError('invoice_bulk_operation', id);

/** A 422 naming the rejected field. */
export const invalidBulkField = (
  field: string,
  message: string,
  code = InvoiceBulkErrorCode.InvalidBulkOperation,
): InvoiceBulkError => new InvoiceBulkError(422, code, `${field}: ${message}.`, [{ field, message }]);
