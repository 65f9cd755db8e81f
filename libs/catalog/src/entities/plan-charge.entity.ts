import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '@app/core';
import type { ChargeModel } from '../pricing';
import { BillableMetric, MetricFilter } from './billable-metric.entity';
import { Plan } from './plan.entity';

/** A usage charge of one plan version: a metric (optionally one filter group of it) priced by a model. */
@Entity('plan_charges')
@Index('plan_charges_plan_id_position_key', ['planId', 'position'], { unique: true })
@Check('plan_charges_model_check', `model IN ('standard', 'graduated', 'volume', 'package', 'percentage')`)
export class PlanCharge extends TenantEntity {
  @Column('uuid')
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  /** Order of the charge in the plan (its index in `charges[]`). */
  @Column('int')
  position: number;

  @Index()
  @Column('uuid')
  billableMetricId: string;

  @ManyToOne(() => BillableMetric, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'billable_metric_id' })
  billableMetric?: BillableMetric;

  @Column('text')
  model: ChargeModel;

  /** The model's properties, validated and normalised by the pricing engine. */
  @Column('jsonb')
  properties: Record<string, unknown>;

  /** The filter group this charge prices, e.g. `[{ key: 'region', values: ['eu'] }]`; empty = all events. */
  @Column('jsonb')
  filters: MetricFilter[];
}
