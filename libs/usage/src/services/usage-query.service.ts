import { Injectable } from '@nestjs/common';
import { CatalogService, PlanChargeView, PlanVersionView, priceCharge } from '@app/catalog';
import { SubscriptionsService } from '@app/subscriptions';
import { ChargeUsageResponse, SubscriptionUsageResponse } from '../dto/subscription-usage.response';
import { UsageAggregate, UsageAggregationSpec, UsageQueryRepository } from './usage-query.repository';

/** A percentage charge with a per-event minimum or maximum needs every event's value to be priced. */
const needsEventValues = (charge: PlanChargeView): boolean =>
  charge.model === 'percentage' &&
  (charge.properties.perEventMinAmount !== undefined || charge.properties.perEventMaxAmount !== undefined);

/** What to aggregate and price: a subscription's customer's events of `[start, end)` under one plan version. */
export interface UsagePeriodQuery {
  subscriptionId: string;
  customerId: string;
  plan: PlanVersionView;
  start: Date;
  end: Date;
}

/** Usage of a subscription over a period: its events aggregated per charge and priced by the catalog. */
@Injectable()
export class UsageQueryService {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly catalog: CatalogService,
    private readonly repository: UsageQueryRepository,
  ) {}

  /** Throws the subscriptions domain's 404 for an unknown id or another organisation's subscription. */
  async currentUsage(orgId: string, subscriptionId: string): Promise<SubscriptionUsageResponse> {
    const subscription = await this.subscriptions.get(orgId, subscriptionId);
    return this.usageForPeriod(orgId, {
      subscriptionId: subscription.id,
      customerId: subscription.customerId,
      plan: await this.catalog.getPlanVersion(orgId, subscription.planId),
      start: new Date(subscription.currentPeriodStart),
      end: new Date(subscription.currentPeriodEnd),
    });
  }

  /** Any period and plan version (the billing run prices a closed period with it); no subscription lookup. */
  async usageForPeriod(orgId: string, query: UsagePeriodQuery): Promise<SubscriptionUsageResponse> {
    const { plan, start, end } = query;
    return priced(query, await this.repository.aggregate(orgId, query.customerId, start, end, specsOf(plan)));
  }

  /**
   * `usageForPeriod` for many queries (a billing batch's closed periods), in order: one statement per plan
   * version and period, whatever the number of customers.
   */
  async usageForPeriods(orgId: string, queries: UsagePeriodQuery[]): Promise<SubscriptionUsageResponse[]> {
    const groups = new Map<string, UsagePeriodQuery[]>();
    for (const q of queries) {
      const key = `${q.plan.id}:${q.start.toISOString()}:${q.end.toISOString()}`;
      groups.set(key, [...(groups.get(key) ?? []), q]);
    }
    const aggregates = new Map<UsagePeriodQuery, UsageAggregate[]>();
    for (const group of groups.values()) {
      const { plan, start, end } = group[0];
      const customerIds = group.map((q) => q.customerId);
      const byCustomer = await this.repository.aggregateMany(orgId, customerIds, start, end, specsOf(plan));
      for (const q of group) aggregates.set(q, byCustomer.get(q.customerId)!);
    }
    return queries.map((q) => priced(q, aggregates.get(q)!));
  }
}

const specsOf = (plan: PlanVersionView): UsageAggregationSpec[] =>
  plan.charges.map((charge) => ({
    metricId: charge.billableMetricId,
    aggregation: charge.aggregation,
    fieldName: charge.fieldName,
    filters: charge.filters,
    withEventValues: needsEventValues(charge),
  }));

/** The query's usage priced per charge by the catalog's pricing engine. */
function priced(query: UsagePeriodQuery, aggregates: UsageAggregate[]): SubscriptionUsageResponse {
  const { plan, start, end } = query;
  const charges: ChargeUsageResponse[] = plan.charges.map((charge, i) => {
    const usage = aggregates[i];
    // Negative sums (refund events) are priced as no usage: prices are for non-negative quantities.
    const quantity = usage.quantity.startsWith('-') ? '0' : usage.quantity;
    const price = priceCharge(
      { model: charge.model, properties: charge.properties },
      { quantity, eventCount: usage.eventCount, eventValues: usage.eventValues },
      plan.currency,
    );
    return {
      chargeId: charge.id,
      billableMetricId: charge.billableMetricId,
      billableMetricCode: charge.billableMetricCode,
      aggregation: charge.aggregation,
      fieldName: charge.fieldName,
      filters: charge.filters,
      model: charge.model,
      quantity: price.quantity,
      eventCount: usage.eventCount,
      amount: price.amount,
      exactAmount: price.exactAmount,
      currency: price.currency,
      unitAmount: price.unitAmount,
      breakdown: price.breakdown,
    };
  });
  return {
    subscriptionId: query.subscriptionId,
    customerId: query.customerId,
    planId: plan.id,
    period: { start, end },
    charges,
    total: { currency: plan.currency, amount: charges.reduce((sum, c) => sum + c.amount, 0) },
  };
}
