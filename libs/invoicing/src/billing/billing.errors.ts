import { AppError } from '@app/core';

/** Stable error codes of billing runs (documented in docs/billing-runs.md). */
export enum BillingErrorCode {
  BillingCycleNotFound = 'billing_cycle_not_found',
  BillingRunNotFound = 'billing_run_not_found',
  NothingToBill = 'nothing_to_bill',
  CycleNotRetryable = 'billing_cycle_not_retryable',
}

export const billingCycleNotFound = (id: string): AppError =>
  new AppError(404, BillingErrorCode.BillingCycleNotFound, `No billing cycle with id ${id}.`);

export const billingRunNotFound = (id: string): AppError =>
  new AppError(
    404,
    BillingErrorCode.BillingRunNotFound,
    `No billing run with id ${id} billed this organisation.`,
  );
