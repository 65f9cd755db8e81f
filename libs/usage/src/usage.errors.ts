import { AppError, FieldError } from '@app/core';

/** Why one event was not stored (the `reason` of a rejected item; the `code` of a 4xx on POST /v1/events). */
export enum UsageRejection {
  /** Malformed: a required field missing, a wrong type, an unknown field, text that cannot be stored. */
  InvalidEvent = 'invalid_event',
  UnknownMetric = 'unknown_metric',
  UnknownCustomer = 'unknown_customer',
  /** Names (by `subscriptionExternalId`) no subscription of the organisation. */
  UnknownSubscription = 'unknown_subscription',
  /** The metric sums, maxes or keeps the latest of `fieldName`, and that property is not a number. */
  NonNumericValue = 'non_numeric_value',
  TimestampTooOld = 'timestamp_too_old',
  TimestampInFuture = 'timestamp_in_future',
  /** `properties` over 4 KiB serialized or over 50 keys. */
  PropertiesTooLarge = 'properties_too_large',
}

/** Error codes of the usage domain (documented in docs/usage.md), besides the rejection reasons. */
export enum UsageErrorCode {
  BatchTooLarge = 'usage_batch_too_large',
  InvalidBatch = 'invalid_usage_batch',
  AlertNotFound = 'usage_alert_not_found',
  /** A usage alert's threshold, metric code or filter group is not acceptable (the field is named). */
  InvalidAlert = 'invalid_usage_alert',
  /** The alert's metric is not priced by the subscription's plan. */
  MetricNotInPlan = 'metric_not_in_plan',
  InvalidSettings = 'invalid_usage_settings',
}

export class UsageError extends AppError {
  constructor(status: number, code: UsageErrorCode | UsageRejection, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

/** A 422 naming the rejected field. */
export const invalidField = (code: UsageErrorCode, field: string, message: string): UsageError =>
  new UsageError(422, code, `${field}: ${message}.`, [{ field, message }]);
