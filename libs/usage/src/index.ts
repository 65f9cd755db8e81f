export * from './usage.module';
export * from './usage.errors';
export { USAGE_LIMITS } from './usage.limits';
export { UsageIngestService } from './services/usage-ingest.service';
export type { IngestResult, IngestStatus } from './services/usage-ingest.service';
export { UsagePartitionsService, PARTITION_MONTHS_AHEAD } from './services/usage-partitions.service';
