import { AppError, NotFoundError } from '@app/core';

/** Stable error codes of billing runs (documented in docs/billing-runs.md). */
export enum BillingErrorCode {
  NothingToBill = 'nothing_to_bill',
  CycleNotRetryable = 'billing_cycle_not_retryable',
}

export const billingCycleNotFound = (id: string): AppError => new NotFoundError('billing_cycle', id);

/** A run is cluster-wide; one that billed none of the organisation's cycles is a 404 to it. */
export const billingRunNotFound = (id: string): AppError => new NotFoundError('billing_run', id);
