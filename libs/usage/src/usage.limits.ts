/** Ingestion limits. The time window has per-organisation settings (`usage_settings`); these are its defaults. */
export const USAGE_LIMITS = {
  /** Events in one POST /v1/events/batch; more is a 413. */
  maxBatchSize: 1_000,
  /** Default: how old an event's timestamp may be (late events of the period before are still accepted). */
  maxAgeMs: 35 * 24 * 3600 * 1000,
  /** Default: how far ahead of the server clock a timestamp may be (client clock skew). */
  maxFutureMs: 5 * 60 * 1000,
  maxTransactionIdLength: 255,
  maxExternalIdLength: 255,
  /** `properties` serialized as JSON, in UTF-8 bytes. */
  maxPropertiesBytes: 4 * 1024,
  maxPropertiesKeys: 50,
  /**
   * Body limit of POST /v1/events/batch only (1,000 events with 4 KiB of properties each, plus their other
   * fields and JSON overhead); every other route keeps the global BODY_LIMIT_BYTES.
   */
  batchBodyLimitBytes: 8 * 1024 * 1024,
} as const;

/** The accepted time window of event timestamps, relative to the server clock. */
export interface IngestionWindow {
  maxAgeMs: number;
  maxFutureMs: number;
}

export const DEFAULT_INGESTION_WINDOW: IngestionWindow = {
  maxAgeMs: USAGE_LIMITS.maxAgeMs,
  maxFutureMs: USAGE_LIMITS.maxFutureMs,
};

/** Bounds of the per-organisation window (PUT /v1/usage/settings), in seconds, inclusive. */
export const INGESTION_WINDOW_BOUNDS = {
  maxAgeSeconds: { min: 3600, max: 400 * 86_400 },
  maxFutureSeconds: { min: 0, max: 86_400 },
} as const;
