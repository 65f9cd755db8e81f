import { Injectable } from '@nestjs/common';
import { Page, PageQuery, TransactionContext, paginateById } from '@app/core';
import type { UsageAlertKind } from '@app/core';
import { BillableMetricView, CatalogError, CatalogErrorCode, CatalogService } from '@app/catalog';
import { SubscriptionsService } from '@app/subscriptions';
import { CreateUsageAlertDto, UpdateUsageAlertDto } from '../dto/usage-alert.dto';
import { UsageAlertResponse } from '../dto/usage-alert.response';
import { UsageAlert } from '../entities/usage-alert.entity';
import { UsageError, UsageErrorCode, invalidField } from '../usage.errors';
import { filterGroupError, parseThreshold } from './alert-rules';
import { UsageAlertWatchlist } from './usage-alert-watchlist';

export function toUsageAlertResponse(a: UsageAlert): UsageAlertResponse {
  return {
    id: a.id,
    subscriptionId: a.subscriptionId,
    customerId: a.customerId,
    billableMetricId: a.billableMetricId,
    metricCode: a.metricCode,
    kind: a.kind,
    name: a.name,
    threshold: a.threshold,
    filters: a.filters,
    lastTriggeredAt: a.lastTriggeredAt,
    triggeredForPeriod:
      a.triggeredPeriodStart && a.triggeredPeriodEnd
        ? { start: a.triggeredPeriodStart, end: a.triggeredPeriodEnd }
        : null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

const alertNotFound = (id: string) =>
  new UsageError(404, UsageErrorCode.AlertNotFound, `No usage alert ${id} on this subscription.`);

function threshold(kind: UsageAlertKind, raw: string): string {
  const parsed = parseThreshold(kind, raw);
  if ('error' in parsed) throw invalidField(UsageErrorCode.InvalidAlert, 'threshold', parsed.error);
  return parsed.value;
}

/** Usage alerts of a subscription: CRUD. Evaluation is UsageAlertEvaluator's. */
@Injectable()
export class UsageAlertsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly subscriptions: SubscriptionsService,
    private readonly catalog: CatalogService,
    private readonly watchlist: UsageAlertWatchlist,
  ) {}

  /**
   * 404 for an unknown (or another organisation's) subscription; 422 for an unknown metric, a metric the
   * subscription's plan does not price, a bad filter group or threshold. Evaluated soon after creation, so an
   * alert already crossed fires without waiting for the next event.
   */
  async create(
    orgId: string,
    subscriptionId: string,
    input: CreateUsageAlertDto,
  ): Promise<UsageAlertResponse> {
    const subscription = await this.subscriptions.get(orgId, subscriptionId);
    const metric = await this.metric(orgId, input.metricCode);
    const plan = await this.catalog.getPlanVersion(orgId, subscription.planId);
    if (!plan.charges.some((charge) => charge.billableMetricId === metric.id))
      throw new UsageError(
        422,
        UsageErrorCode.MetricNotInPlan,
        `metricCode: plan ${plan.code} (version ${plan.version}) has no charge on metric ${metric.code}.`,
        [{ field: 'metricCode', message: 'the metric is not priced by the subscription plan' }],
      );
    const filters = input.filters ?? [];
    const filterError = filterGroupError(filters, metric.filters);
    if (filterError) throw invalidField(UsageErrorCode.InvalidAlert, 'filters', filterError);
    const alert = Object.assign(new UsageAlert(), {
      orgId,
      subscriptionId,
      customerId: subscription.customerId,
      billableMetricId: metric.id,
      metricCode: metric.code,
      kind: input.kind,
      name: input.name ?? null,
      threshold: threshold(input.kind, input.threshold),
      filters: filters.map(({ key, values }) => ({ key, values: [...new Set(values)] })),
    });
    const saved = await this.tx.run(async (manager) => {
      await manager.insert(UsageAlert, alert);
      await this.watchlist.scheduleEvaluation(orgId, subscriptionId);
      return manager.findOneByOrFail(UsageAlert, { orgId, id: alert.id });
    });
    this.watchlist.invalidate(orgId, subscription.customerId);
    return toUsageAlertResponse(saved);
  }

  async list(orgId: string, subscriptionId: string, page: PageQuery): Promise<Page<UsageAlertResponse>> {
    await this.subscriptions.get(orgId, subscriptionId);
    const query = this.tx.manager
      .createQueryBuilder(UsageAlert, 'a')
      .where('a.org_id = :orgId AND a.subscription_id = :subscriptionId', { orgId, subscriptionId });
    const result = await paginateById(query, page);
    return { ...result, data: result.data.map(toUsageAlertResponse) };
  }

  async get(orgId: string, subscriptionId: string, id: string): Promise<UsageAlertResponse> {
    return toUsageAlertResponse(await this.find(orgId, subscriptionId, id));
  }

  /** A new threshold applies from the next evaluation; an alert that fired this period stays fired for it. */
  async update(
    orgId: string,
    subscriptionId: string,
    id: string,
    input: UpdateUsageAlertDto,
  ): Promise<UsageAlertResponse> {
    const alert = await this.find(orgId, subscriptionId, id);
    const changes: Partial<UsageAlert> = {};
    if (input.threshold !== undefined) changes.threshold = threshold(alert.kind, input.threshold);
    if (input.name !== undefined) changes.name = input.name;
    if (Object.keys(changes).length === 0) return toUsageAlertResponse(alert);
    const { affected } = await this.tx.manager.update(UsageAlert, { orgId, subscriptionId, id }, changes);
    if (!affected) throw alertNotFound(id);
    return this.get(orgId, subscriptionId, id);
  }

  async delete(orgId: string, subscriptionId: string, id: string): Promise<void> {
    const alert = await this.find(orgId, subscriptionId, id);
    const { affected } = await this.tx.manager.delete(UsageAlert, { orgId, subscriptionId, id });
    if (!affected) throw alertNotFound(id);
    this.watchlist.invalidate(orgId, alert.customerId);
  }

  private async find(orgId: string, subscriptionId: string, id: string): Promise<UsageAlert> {
    await this.subscriptions.get(orgId, subscriptionId);
    const alert = await this.tx.manager
      .createQueryBuilder(UsageAlert, 'a')
      .where('a.org_id = :orgId AND a.subscription_id = :subscriptionId AND a.id = :id', {
        orgId,
        subscriptionId,
        id,
      })
      .getOne();
    if (!alert) throw alertNotFound(id);
    return alert;
  }

  private async metric(orgId: string, code: string): Promise<BillableMetricView> {
    try {
      return await this.catalog.getMetricByCode(orgId, code);
    } catch (error) {
      if (error instanceof CatalogError && error.code === (CatalogErrorCode.BillableMetricNotFound as string))
        throw invalidField(UsageErrorCode.InvalidAlert, 'metricCode', `no billable metric ${code}`);
      throw error;
    }
  }
}
