import { AppError } from '@app/core';

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
}

export class UsageError extends AppError {
  constructor(status: number, code: UsageErrorCode | UsageRejection, detail: string) {
    super(status, code, detail);
  }
}
