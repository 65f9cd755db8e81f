import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

export const AGGREGATIONS = ['count', 'sum', 'max', 'unique_count', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A property filter that splits one metric into priced groups, e.g. `{ key: 'region', values: ['eu', 'us'] }`. */
export interface MetricFilter {
  key: string;
  values: string[];
}

/** What is measured from usage events, and how the events of a period are aggregated into a quantity. */
@Entity('billable_metrics')
@Index('billable_metrics_org_id_code_key', ['orgId', 'code'], { unique: true })
@Check(
  'billable_metrics_aggregation_check',
  `aggregation IN ('count', 'sum', 'max', 'unique_count', 'latest')`,
)
@Check('billable_metrics_field_name_check', `aggregation = 'count' OR field_name IS NOT NULL`)
export class BillableMetric extends TenantEntity {
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text')
  aggregation: Aggregation;

  /** The event property aggregated (not used by `count`). */
  @Column('text', { nullable: true })
  fieldName: string | null;

  @Column('jsonb')
  filters: MetricFilter[];

  /** Archived metrics stay readable and priced in existing plan versions, but new versions cannot use them. */
  @Column('timestamptz', { nullable: true })
  archivedAt: Date | null;
}
