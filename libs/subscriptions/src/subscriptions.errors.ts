import { AppError, FieldError } from '@app/core';

/** Stable error codes of the subscriptions domain (documented in docs/subscriptions.md). */
export enum SubscriptionsErrorCode {
  SubscriptionNotFound = 'subscription_not_found',
  InvalidSubscription = 'invalid_subscription',
  CurrencyMismatch = 'currency_mismatch',
  IntervalMismatch = 'interval_mismatch',
  SubscriptionCanceled = 'subscription_canceled',
  InvalidTransition = 'invalid_subscription_transition',
}

export class SubscriptionsError extends AppError {
  constructor(status: number, code: SubscriptionsErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const subscriptionNotFound = (key: string): SubscriptionsError =>
  new SubscriptionsError(404, SubscriptionsErrorCode.SubscriptionNotFound, `No subscription ${key}.`);

/** A 422 naming the rejected field. */
export const invalidField = (
  code: SubscriptionsErrorCode,
  field: string,
  message: string,
): SubscriptionsError => new SubscriptionsError(422, code, `${field}: ${message}.`, [{ field, message }]);

export const conflict = (code: SubscriptionsErrorCode, detail: string): SubscriptionsError =>
  new SubscriptionsError(409, code, detail);
