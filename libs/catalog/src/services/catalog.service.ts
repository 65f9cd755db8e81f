import { Injectable } from '@nestjs/common';
import { BillableMetricsService } from './billable-metrics.service';
import { BillableMetricView, PlanVersionView } from './plan-views';
import { PlansService } from './plans.service';

/**
 * What other domains (subscriptions, usage, invoicing) read from the catalog. Every method takes the org
 * id first; another organisation's metric or plan is a 404 like a missing one.
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly metrics: BillableMetricsService,
    private readonly plans: PlansService,
  ) {}

  async getMetricByCode(orgId: string, code: string): Promise<BillableMetricView> {
    const m = await this.metrics.get(orgId, code);
    return {
      id: m.id,
      orgId: m.orgId,
      code: m.code,
      name: m.name,
      description: m.description,
      aggregation: m.aggregation,
      fieldName: m.fieldName,
      filters: m.filters,
      archivedAt: m.archivedAt,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    };
  }

  /** One immutable version by id: what a subscription pins. */
  getPlanVersion(orgId: string, id: string): Promise<PlanVersionView> {
    return this.plans.getById(orgId, id);
  }

  /** The plan version holding a charge (404 `plan_charge_not_found` for another organisation's charge). */
  getPlanVersionOfCharge(orgId: string, chargeId: string): Promise<PlanVersionView> {
    return this.plans.getByChargeId(orgId, chargeId);
  }

  /** The newest version of the plan with this code. */
  getLatestPlan(orgId: string, code: string): Promise<PlanVersionView> {
    return this.plans.getLatest(orgId, code);
  }
}
