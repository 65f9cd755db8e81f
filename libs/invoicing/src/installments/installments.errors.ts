import { AppError, FieldError, NotFoundError } from '@app/core';

/** Error codes of installment plans and deposits (docs/payments-installments-deposits.md). */
export enum InstallmentsErrorCode {
  SumMismatch = 'installments_sum_mismatch',
  InvalidInstallments = 'invalid_installments',
  PlanNotAllowed = 'installment_plan_not_allowed',
  PlanExists = 'installment_plan_exists',
  PlanHasPayments = 'installment_plan_has_payments',
  DepositNotAllowed = 'deposit_not_allowed',
  DepositExists = 'deposit_exists',
}

export class InstallmentsError extends AppError {
  constructor(status: number, code: InstallmentsErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const installmentNotFound = (id: string): AppError => new NotFoundError('installment', id);
export const depositNotFound = (invoiceId: string): AppError => new NotFoundError('deposit', invoiceId);

/** A 422 naming the rejected field. */
export const invalidPlan = (code: InstallmentsErrorCode, field: string, message: string): InstallmentsError =>
  new InstallmentsError(422, code, `${field}: ${message}.`, [{ field, message }]);

export const planConflict = (code: InstallmentsErrorCode, detail: string): InstallmentsError =>
  new InstallmentsError(409, code, detail);
