export * from './catalog.module';
export * from './catalog.errors';
export * from './pricing';
export { CatalogService } from './services/catalog.service';
export type { BillableMetricView, PlanChargeView, PlanVersionView } from './services/plan-views';
export { AGGREGATIONS } from './entities/billable-metric.entity';
export type { Aggregation, MetricFilter } from './entities/billable-metric.entity';
export { FEE_TIMINGS, PLAN_INTERVALS } from './entities/plan.entity';
export type { FeeTiming, PlanInterval } from './entities/plan.entity';
