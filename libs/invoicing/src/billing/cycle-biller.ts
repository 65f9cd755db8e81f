import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogService, PlanVersionView } from '@app/catalog';
import { TransactionContext } from '@app/core';
import { UsageQueryService } from '@app/usage';
import { CreateDraftInput, InvoicesService } from '../services/invoices.service';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { BillingCycle } from './billing-cycle.entity';
import { BillingPoint, billingLines } from './billing-lines';
import { PendingProration } from './pending-proration.entity';

export type CycleOutcome = 'invoiced' | 'awaiting_finalization' | 'skipped' | 'busy';

const HOUR_MS = 3_600_000;
const PLAN_CACHE_SIZE = 1_000;

/** Bills one billing cycle: builds its invoice, finalizes it (or leaves a draft for the grace period). */
@Injectable()
export class CycleBiller {
  private readonly plans = new Map<string, PlanVersionView>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly catalog: CatalogService,
    private readonly usage: UsageQueryService,
    private readonly invoices: InvoicesService,
    private readonly settings: InvoicingSettingsService,
  ) {}

  /**
   * One transaction: the cycle row is locked (a cycle another worker holds is `busy`), the invoice is created
   * under the unique (subscription, boundary) key and finalized, and the cycle is marked, so a crash at any
   * point leaves either everything or nothing.
   */
  async bill(cycleId: string): Promise<CycleOutcome> {
    return this.tx.run(async (manager) => {
      const cycle = await manager
        .createQueryBuilder(BillingCycle, 'c')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`c.id = :cycleId AND c.status = 'pending'`, { cycleId })
        .getOne();
      if (!cycle) return 'busy';
      const prorations = await manager
        .createQueryBuilder(PendingProration, 'p')
        .setLock('pessimistic_write')
        .where('p.org_id = :orgId AND p.subscription_id = :subscriptionId AND p.invoice_id IS NULL', cycle)
        // A plan change belongs to the first billing point after it, never to an earlier one billed late.
        .andWhere(`(p.line->>'periodStart')::timestamptz < :boundary`, { boundary: cycle.boundary })
        .orderBy('p.created_at')
        .addOrderBy('p.position')
        .getMany();
      const lines = billingLines(await this.billingPoint(cycle, prorations));
      if (lines.length === 0) return this.close(manager, cycle, 'skipped');

      const draft: CreateDraftInput = {
        customerId: cycle.customerId,
        subscriptionId: cycle.subscriptionId,
        billingBoundary: cycle.boundary,
        periodStart: cycle.closedStart ?? cycle.nextStart ?? cycle.boundary,
        periodEnd: cycle.closedEnd ?? cycle.nextEnd ?? cycle.boundary,
        lines,
      };
      const graceHours = (await this.settings.get(cycle.orgId)).draftGraceHours;
      const invoice =
        graceHours > 0
          ? await this.invoices.createDraft(cycle.orgId, draft)
          : await this.invoices.createFinalized(cycle.orgId, draft);
      cycle.invoiceId = invoice.id;
      if (prorations.length > 0)
        await manager.update(
          PendingProration,
          prorations.map((p) => p.id),
          { invoiceId: invoice.id },
        );
      if (graceHours > 0) {
        cycle.finalizeAt = new Date(Date.now() + graceHours * HOUR_MS);
        return this.close(manager, cycle, 'awaiting_finalization');
      }
      return this.close(manager, cycle, 'invoiced');
    });
  }

  /** Plan versions never change, so the biller keeps the ones it has read (bounded). */
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

  private async billingPoint(cycle: BillingCycle, prorations: PendingProration[]): Promise<BillingPoint> {
    const point: BillingPoint = { closed: null, next: null, prorations: prorations.map((p) => p.line) };
    if (cycle.closedPlanId && cycle.closedStart && cycle.closedEnd) {
      const plan = await this.planVersion(cycle.orgId, cycle.closedPlanId);
      const usage = await this.usage.usageForPeriod(cycle.orgId, {
        subscriptionId: cycle.subscriptionId,
        customerId: cycle.customerId,
        plan,
        start: cycle.closedStart,
        end: cycle.closedEnd,
      });
      point.closed = {
        start: cycle.closedStart,
        end: cycle.closedEnd,
        plan,
        feeWaived: cycle.closedFeeWaived,
        usage,
      };
    }
    if (cycle.nextPlanId && cycle.nextStart && cycle.nextEnd) {
      const plan = await this.planVersion(cycle.orgId, cycle.nextPlanId);
      point.next = { start: cycle.nextStart, end: cycle.nextEnd, plan, feeWaived: cycle.nextFeeWaived };
    }
    return point;
  }

  private async close(
    manager: EntityManager,
    cycle: BillingCycle,
    status: 'invoiced' | 'awaiting_finalization' | 'skipped',
  ): Promise<CycleOutcome> {
    await manager.update(BillingCycle, cycle.id, {
      status,
      claimedUntil: null,
      lastError: null,
      invoiceId: cycle.invoiceId,
      finalizeAt: cycle.finalizeAt,
    });
    return status;
  }
}
