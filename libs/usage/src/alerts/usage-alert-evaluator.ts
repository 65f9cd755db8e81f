import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, TransactionContext } from '@app/core';
import { BillableMetricView, CatalogService } from '@app/catalog';
import {
  Period,
  SubscriptionResponse,
  SubscriptionsError,
  SubscriptionsErrorCode,
  SubscriptionsService,
  periodContaining,
} from '@app/subscriptions';
import { SubscriptionUsageResponse } from '../dto/subscription-usage.response';
import { UsageAlert } from '../entities/usage-alert.entity';
import { UsageAggregationSpec, UsageQueryRepository } from '../services/usage-query.repository';
import { UsageQueryService } from '../services/usage-query.service';
import { Observation, firingValue, sameFilterGroup } from './alert-rules';

/** The period before `current`, never starting before the subscription; null in its first period. */
function previousPeriod(s: SubscriptionResponse, current: Period): Period | null {
  const cycle = {
    anchor: s.billingAnchor,
    interval: s.interval,
    count: s.intervalCount,
    timeZone: s.timezone,
  };
  const previous = periodContaining(cycle, new Date(current.start.getTime() - 1));
  const start = new Date(Math.max(previous.start.getTime(), s.startedAt.getTime()));
  return start < current.start ? { start, end: current.start } : null;
}

/** The priced amount (minor units) of the charges of the alert's metric and filter group. */
function pricedAmount(alert: UsageAlert, usage: SubscriptionUsageResponse): string {
  const charges = usage.charges.filter(
    (c) =>
      c.billableMetricId === alert.billableMetricId &&
      (alert.filters.length === 0 || sameFilterGroup(c.filters, alert.filters)),
  );
  return String(charges.reduce((sum, c) => sum + c.amount, 0));
}

/**
 * Evaluates a subscription's alerts over its current period. Idempotent: each alert fires at most once per
 * period, settled by the primary key of `usage_alert_triggers`, and the `UsageAlertTriggered` event is
 * written to the outbox in the same transaction only when that row was inserted.
 */
@Injectable()
export class UsageAlertEvaluator {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly subscriptions: SubscriptionsService,
    private readonly catalog: CatalogService,
    private readonly usage: UsageQueryService,
    private readonly aggregates: UsageQueryRepository,
  ) {}

  /** Returns how many alerts fired now. */
  async evaluate(orgId: string, subscriptionId: string): Promise<number> {
    const alerts = await this.tx.manager.findBy(UsageAlert, { orgId, subscriptionId });
    if (alerts.length === 0) return 0;
    const subscription = await this.subscription(orgId, subscriptionId);
    if (!subscription || subscription.status === 'canceled') return 0;
    const usage = await this.usage.currentUsage(orgId, subscriptionId);
    const period = usage.period;
    const due = alerts.filter((a) => a.triggeredPeriodStart?.getTime() !== period.start.getTime());
    if (due.length === 0) return 0;

    const observations = await this.observe(orgId, subscription, period, due, usage);
    let fired = 0;
    for (const [i, alert] of due.entries()) {
      const observed = firingValue(alert.kind, alert.threshold, observations[i]);
      if (observed !== null && (await this.fire(alert, period, observed))) fired++;
    }
    return fired;
  }

  private async observe(
    orgId: string,
    subscription: SubscriptionResponse,
    period: Period,
    alerts: UsageAlert[],
    usage: SubscriptionUsageResponse,
  ): Promise<Observation[]> {
    const byQuantity = alerts.filter((a) => a.kind !== 'cost_threshold');
    const metrics = new Map<string, BillableMetricView>();
    for (const code of new Set(byQuantity.map((a) => a.metricCode)))
      metrics.set(code, await this.catalog.getMetricByCode(orgId, code));
    const specOf = (a: UsageAlert): UsageAggregationSpec => {
      const metric = metrics.get(a.metricCode)!;
      return {
        metricId: a.billableMetricId,
        aggregation: metric.aggregation,
        fieldName: metric.fieldName,
        filters: a.filters,
      };
    };
    const customerId = subscription.customerId;
    const current = await this.aggregates.aggregate(
      orgId,
      customerId,
      period.start,
      period.end,
      byQuantity.map(specOf),
    );
    const spikes = byQuantity.filter((a) => a.kind === 'spike');
    const before = previousPeriod(subscription, period);
    const previous =
      before && spikes.length
        ? await this.aggregates.aggregate(orgId, customerId, before.start, before.end, spikes.map(specOf))
        : [];
    return alerts.map((alert) => {
      if (alert.kind === 'cost_threshold') return { current: pricedAmount(alert, usage) };
      const quantity = current[byQuantity.indexOf(alert)].quantity;
      if (alert.kind === 'usage_threshold') return { current: quantity };
      return { current: quantity, previous: previous[spikes.indexOf(alert)]?.quantity ?? '0' };
    });
  }

  /** Records the trigger for the period and emits the event, both or neither; false if it had fired already. */
  private fire(alert: UsageAlert, period: Period, observed: string): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO usage_alert_triggers (alert_id, period_start, org_id, period_end, observed)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING alert_id`,
        [alert.id, period.start.toISOString(), alert.orgId, period.end.toISOString(), observed],
      );
      if (inserted.length === 0) return false;
      await manager.update(
        UsageAlert,
        { orgId: alert.orgId, id: alert.id },
        { lastTriggeredAt: new Date(), triggeredPeriodStart: period.start, triggeredPeriodEnd: period.end },
      );
      await this.jobs.enqueue(JobName.UsageAlertTriggered, {
        orgId: alert.orgId,
        alertId: alert.id,
        subscriptionId: alert.subscriptionId,
        customerId: alert.customerId,
        metricCode: alert.metricCode,
        kind: alert.kind,
        threshold: alert.threshold,
        observed,
        periodStart: period.start.toISOString(),
        periodEnd: period.end.toISOString(),
      });
      return true;
    });
  }

  private async subscription(orgId: string, id: string): Promise<SubscriptionResponse | null> {
    try {
      return await this.subscriptions.get(orgId, id);
    } catch (error) {
      if (
        error instanceof SubscriptionsError &&
        error.code === (SubscriptionsErrorCode.SubscriptionNotFound as string)
      )
        return null;
      throw error;
    }
  }
}
