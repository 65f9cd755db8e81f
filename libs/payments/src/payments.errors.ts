import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of the payments domain (documented in docs/payments.md). */
export enum PaymentsErrorCode {
  PaymentNotFound = 'payment_not_found',
  InvalidPayment = 'invalid_payment',
  CurrencyMismatch = 'currency_mismatch',
  AllocationsExceedAmount = 'allocations_exceed_amount',
  PaymentNotReversible = 'payment_not_reversible',
  PaymentCreditSpent = 'payment_credit_spent',
  NothingToAllocate = 'nothing_to_allocate',
  InvoiceAlreadyAllocated = 'invoice_already_allocated',
  StripeNotConnected = 'stripe_not_connected',
  StripeKeyInvalid = 'stripe_key_invalid',
  StripeUnavailable = 'stripe_unavailable',
  InvalidSettings = 'invalid_payment_settings',
  DunningNotFound = 'dunning_not_found',
  NoPaymentMethod = 'no_payment_method',
  InvoiceNotCollectable = 'invoice_not_collectable',
  PaymentMethodRefused = 'payment_method_refused',
  StripeSignatureInvalid = 'stripe_signature_invalid',
}

export class PaymentsError extends AppError {
  constructor(status: number, code: PaymentsErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const paymentNotFound = (id: string): NotFoundError => new NotFoundError('payment', id);

/** A 422 naming the rejected field. */
export const invalidField = (code: PaymentsErrorCode, field: string, message: string): PaymentsError =>
  new PaymentsError(422, code, `${field}: ${message}.`, [{ field, message }]);

export const paymentConflict = (code: PaymentsErrorCode, detail: string): PaymentsError =>
  new PaymentsError(409, code, detail);
