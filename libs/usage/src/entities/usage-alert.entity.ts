import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';
import type { MetricFilter } from '@app/catalog';
import type { UsageAlertKind } from '@app/core';

export const USAGE_ALERT_KINDS = ['usage_threshold', 'cost_threshold', 'spike'] as const;

/**
 * An alert on one metric (optionally one filter group) of one subscription. The subscription, its
 * customer and the metric are other domains' rows: referenced by id, no foreign key.
 */
@Entity('usage_alerts')
@Index('usage_alerts_org_id_subscription_id_idx', ['orgId', 'subscriptionId'])
@Index('usage_alerts_org_id_customer_id_idx', ['orgId', 'customerId'])
@Check('usage_alerts_kind_check', `kind IN ('usage_threshold', 'cost_threshold', 'spike')`)
@Check('usage_alerts_threshold_check', 'threshold > 0')
export class UsageAlert extends TenantEntity {
  @Column('uuid')
  subscriptionId: string;

  /** The subscription's customer (whose events count), kept to find the alerts hit by an ingest batch. */
  @Column('uuid')
  customerId: string;

  @Column('uuid')
  billableMetricId: string;

  @Column('text')
  metricCode: string;

  @Column('text')
  kind: UsageAlertKind;

  @Column('text', { nullable: true })
  name: string | null;

  /** A quantity, minor units of the plan's currency, or a ratio, by kind. */
  @Column('numeric')
  threshold: string;

  /** The filter group it watches; `[]`: every event of the metric. */
  @Column('jsonb', { default: [] })
  filters: MetricFilter[];

  @Column('timestamptz', { nullable: true })
  lastTriggeredAt: Date | null;

  /** The period of the last trigger. */
  @Column('timestamptz', { nullable: true })
  triggeredPeriodStart: Date | null;

  @Column('timestamptz', { nullable: true })
  triggeredPeriodEnd: Date | null;
}
