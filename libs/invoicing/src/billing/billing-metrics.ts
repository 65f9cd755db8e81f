import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@app/core';

export const billingCycleOutcomes = new Counter({
  name: 'billing_cycles_total',
  help: 'Billing cycles processed by billing runs, by outcome (invoiced, awaiting_finalization, skipped, failed)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const billingRunDuration = new Histogram({
  name: 'billing_run_duration_seconds',
  help: 'Wall time of a billing run, from claiming its cycles to the last batch',
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
  registers: [metricsRegistry],
});
