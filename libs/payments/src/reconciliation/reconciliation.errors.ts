import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of reconciliation (documented in docs/payments-reconciliation.md). */
export enum ReconciliationErrorCode {
  InvalidPeriod = 'invalid_reconciliation_period',
  RunNotFailed = 'reconciliation_run_not_failed',
  DiscrepancyAlreadyResolved = 'discrepancy_already_resolved',
}

export class ReconciliationError extends AppError {
  constructor(status: number, code: ReconciliationErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const runNotFound = (id: string): AppError => new NotFoundError('reconciliation_run', id);

export const discrepancyNotFound = (id: string): AppError =>
  new NotFoundError('reconciliation_discrepancy', id);

export const invalidPeriod = (field: 'from' | 'to', message: string): ReconciliationError =>
  new ReconciliationError(422, ReconciliationErrorCode.InvalidPeriod, `${field}: ${message}.`, [
    { field, message },
  ]);
