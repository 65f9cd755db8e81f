import { AppError, NotFoundError } from '@app/core';

/** Stable error codes of the customers domain (documented in docs/customers.md). */
export enum CustomersErrorCode {
  CustomerNotFound = 'customer_not_found',
  CustomerArchived = 'customer_archived',
  CustomerInvoiced = 'customer_invoiced',
}

export class CustomerNotFoundError extends NotFoundError {
  constructor(id?: string) {
    super('customer', id);
  }
}

export class CustomersError extends AppError {
  constructor(status: number, code: CustomersErrorCode, detail: string) {
    super(status, code, detail);
  }
}
