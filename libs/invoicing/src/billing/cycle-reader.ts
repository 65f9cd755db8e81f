import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogService, PlanVersionView } from '@app/catalog';
import { SubscriptionUsageResponse, UsagePeriodQuery, UsageQueryService } from '@app/usage';
import { CreateDraftInput } from '../services/invoices.service';
import { BillingCycle } from './billing-cycle.entity';
import { BilledLine, BillingPoint } from './billing-lines';
import { PendingProration } from './pending-proration.entity';

const PLAN_CACHE_SIZE = 1_000;

/** The subscription invoice of a cycle, for the draft and finalization path. */
export const draftInput = (cycle: BillingCycle, lines: BilledLine[]): CreateDraftInput => ({
  customerId: cycle.customerId,
  subscriptionId: cycle.subscriptionId,
  billingBoundary: cycle.boundary,
  periodStart: cycle.closedStart ?? cycle.nextStart ?? cycle.boundary,
  periodEnd: cycle.closedEnd ?? cycle.nextEnd ?? cycle.boundary,
  lines,
});

/** Reads what billing cycles needs: the cycle rows (locked), their pending prorations, plans and usage. */
@Injectable()
export class CycleReader {
  private readonly plans = new Map<string, PlanVersionView>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly usage: UsageQueryService,
  ) {}

  /**
   * The cycles still pending, in the order of `cycleIds`, locked until the transaction ends. A cycle another
   * worker holds is left out (SKIP LOCKED): it is `busy`.
   */
  async lockPending(manager: EntityManager, cycleIds: string[]): Promise<BillingCycle[]> {
    if (cycleIds.length === 0) return [];
    const cycles = await manager
      .createQueryBuilder(BillingCycle, 'c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`c.id IN (:...cycleIds) AND c.status = 'pending'`, { cycleIds })
      .getMany();
    const order = new Map(cycleIds.map((id, index) => [id, index]));
    return cycles.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** The unconsumed prorations of the cycles' subscriptions, oldest first, locked until the end. */
  async pendingProrations(manager: EntityManager, cycles: BillingCycle[]): Promise<PendingProration[]> {
    if (cycles.length === 0) return [];
    return manager
      .createQueryBuilder(PendingProration, 'p')
      .setLock('pessimistic_write')
      .where('p.org_id IN (:...orgIds) AND p.subscription_id IN (:...subscriptionIds)', {
        orgIds: [...new Set(cycles.map((c) => c.orgId))],
        subscriptionIds: [...new Set(cycles.map((c) => c.subscriptionId))],
      })
      .andWhere('p.invoice_id IS NULL')
      .orderBy('p.created_at')
      .addOrderBy('p.position')
      .getMany();
  }

  /**
   * The prorations that go on the cycle's invoice: its subscription's, not consumed yet. A plan change
   * belongs to the first billing point after it, never to an earlier one billed late.
   */
  prorationsOf(cycle: BillingCycle, pending: PendingProration[]): PendingProration[] {
    return pending.filter(
      (p) =>
        p.invoiceId === null &&
        p.orgId === cycle.orgId &&
        p.subscriptionId === cycle.subscriptionId &&
        new Date(p.line.periodStart).getTime() < cycle.boundary.getTime(),
    );
  }

  /**
   * The usage of the cycles' closed periods, by cycle id: one statement per plan version and period for the
   * whole batch.
   */
  async closedUsage(cycles: BillingCycle[]): Promise<Map<string, SubscriptionUsageResponse>> {
    const closed = cycles.filter((c) => c.closedPlanId && c.closedStart && c.closedEnd);
    const byOrg = new Map<string, BillingCycle[]>();
    for (const cycle of closed) byOrg.set(cycle.orgId, [...(byOrg.get(cycle.orgId) ?? []), cycle]);
    const usage = new Map<string, SubscriptionUsageResponse>();
    for (const [orgId, group] of byOrg) {
      const queries: UsagePeriodQuery[] = [];
      // One by one: the first read of a plan version fills the cache for the others.
      for (const cycle of group)
        queries.push({
          subscriptionId: cycle.subscriptionId,
          customerId: cycle.customerId,
          plan: await this.planVersion(orgId, cycle.closedPlanId!),
          start: cycle.closedStart!,
          end: cycle.closedEnd!,
        });
      const results = await this.usage.usageForPeriods(orgId, queries);
      group.forEach((cycle, i) => usage.set(cycle.id, results[i]));
    }
    return usage;
  }

  /** What the cycle bills: the closed period with its usage (from `closedUsage`), the next period, the prorations. */
  async billingPoint(
    cycle: BillingCycle,
    prorations: PendingProration[],
    usage: Map<string, SubscriptionUsageResponse>,
  ): Promise<BillingPoint> {
    const point: BillingPoint = { closed: null, next: null, prorations: prorations.map((p) => p.line) };
    if (cycle.closedPlanId && cycle.closedStart && cycle.closedEnd) {
      point.closed = {
        start: cycle.closedStart,
        end: cycle.closedEnd,
        plan: await this.planVersion(cycle.orgId, cycle.closedPlanId),
        feeWaived: cycle.closedFeeWaived,
        usage: usage.get(cycle.id)!,
      };
    }
    if (cycle.nextPlanId && cycle.nextStart && cycle.nextEnd) {
      const plan = await this.planVersion(cycle.orgId, cycle.nextPlanId);
      point.next = { start: cycle.nextStart, end: cycle.nextEnd, plan, feeWaived: cycle.nextFeeWaived };
    }
    return point;
  }

  /** Plan versions never change, so the reader keeps the ones it has read (bounded). */
  private async planVersion(orgId: string, planId: string): Promise<PlanVersionView> {
    const key = `${orgId}:${planId}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = await this.catalog.getPlanVersion(orgId, planId);
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan;
  }
}
