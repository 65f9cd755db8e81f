import { AppError, NotFoundError } from '@app/core';

/** Error codes of refunds (docs/payments-refunds-disputes.md). */
export enum RefundsErrorCode {
  RefundExceedsRefundable = 'refund_exceeds_refundable',
  PaymentNotRefundable = 'payment_not_refundable',
  RefundRequiresCreditNote = 'refund_requires_credit_note',
  CreditNoteNotRefundable = 'credit_note_not_refundable',
  CreditNoteAlreadyRefunded = 'credit_note_already_refunded',
  RefundPaymentMismatch = 'refund_payment_mismatch',
  InvalidRefund = 'invalid_refund',
}

export const refundNotFound = (id: string): NotFoundError => new NotFoundError('refund', id);

export const refundRefused = (status: 409 | 422, code: RefundsErrorCode, detail: string, field?: string) =>
  new AppError(status, code, detail, field ? [{ field, message: detail }] : undefined);
