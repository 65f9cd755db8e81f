import type { ChargeModel } from '../pricing';
import type { Aggregation, MetricFilter } from '../entities/billable-metric.entity';
import type { FeeTiming, PlanInterval } from '../entities/plan.entity';

/** A billable metric as other domains see it. */
export interface BillableMetricView {
  id: string;
  orgId: string;
  code: string;
  name: string;
  description: string | null;
  aggregation: Aggregation;
  fieldName: string | null;
  filters: MetricFilter[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One usage charge of a plan version, with what the usage domain needs to aggregate and price it. */
export interface PlanChargeView {
  id: string;
  billableMetricId: string;
  billableMetricCode: string;
  aggregation: Aggregation;
  fieldName: string | null;
  model: ChargeModel;
  /** Validated, normalised properties: pass `{ model, properties }` to `priceCharge`. */
  properties: Record<string, unknown>;
  filters: MetricFilter[];
}

/** One immutable version of a plan. */
export interface PlanVersionView {
  id: string;
  orgId: string;
  code: string;
  version: number;
  name: string;
  description: string | null;
  currency: string;
  interval: PlanInterval;
  intervalCount: number;
  baseFee: number;
  baseFeeTiming: FeeTiming;
  trialDays: number;
  minimumCommitment: number | null;
  charges: PlanChargeView[];
  createdAt: Date;
}
