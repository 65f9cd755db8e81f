/** Ingestion limits. Constants for now; per-organisation settings are listed as unfinished in docs/usage.md. */
export const USAGE_LIMITS = {
  /** Events in one POST /v1/events/batch; more is a 413. */
  maxBatchSize: 1_000,
  /** How old an event's timestamp may be: late events of the period before are still accepted. */
  maxAgeMs: 35 * 24 * 3600 * 1000,
  /** How far ahead of the server clock a timestamp may be (client clock skew). */
  maxFutureMs: 5 * 60 * 1000,
  maxTransactionIdLength: 255,
  maxExternalIdLength: 255,
  /** `properties` serialized as JSON, in UTF-8 bytes. */
  maxPropertiesBytes: 4 * 1024,
  maxPropertiesKeys: 50,
} as const;
