import { Injectable } from '@nestjs/common';
import {
  AppError,
  Page,
  PageQuery,
  TransactionContext,
  decodeCursor,
  isUuid,
  paginateById,
  toPage,
} from '@app/core';
import { SubscriptionsService } from '@app/subscriptions';
import { BillingCycle } from './billing-cycle.entity';
import { BillingRunsService } from './billing-runs.service';
import { BillingErrorCode, billingCycleNotFound, billingRunNotFound } from './billing.errors';
import { BillingCycleQuery } from './dto/billing.dto';
import { BillingCycleResponse, BillingRunResponse } from './dto/billing.response';

export function toCycleResponse(c: BillingCycle): BillingCycleResponse {
  return {
    id: c.id,
    subscriptionId: c.subscriptionId,
    customerId: c.customerId,
    boundary: c.boundary,
    closedPeriod:
      c.closedStart && c.closedEnd && c.closedPlanId
        ? { start: c.closedStart, end: c.closedEnd, planId: c.closedPlanId, feeWaived: c.closedFeeWaived }
        : null,
    nextPeriod:
      c.nextStart && c.nextEnd && c.nextPlanId
        ? { start: c.nextStart, end: c.nextEnd, planId: c.nextPlanId, feeWaived: c.nextFeeWaived }
        : null,
    status: c.status,
    attempts: c.attempts,
    nextAttemptAt: c.nextAttemptAt,
    lastError: c.lastError,
    invoiceId: c.invoiceId,
    runId: c.runId,
    finalizeAt: c.finalizeAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

interface RunRow {
  id: string;
  trigger: string;
  created_at: Date;
  finished_at: Date | null;
  cycles: string;
  invoiced: string;
  awaiting_finalization: string;
  skipped: string;
  failed: string;
  pending: string;
}

/** What an organisation sees of billing: its cycles, the runs that billed them, retry and bill-now. */
@Injectable()
export class BillingCyclesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly runs: BillingRunsService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  async list(orgId: string, query: BillingCycleQuery): Promise<Page<BillingCycleResponse>> {
    const qb = this.tx.manager.createQueryBuilder(BillingCycle, 'c').where('c.org_id = :orgId', { orgId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.subscriptionId) qb.andWhere('c.subscription_id = :sub', { sub: query.subscriptionId });
    if (query.failing !== undefined)
      qb.andWhere(
        query.failing
          ? `c.last_error IS NOT NULL AND c.status IN ('pending', 'failed')`
          : `NOT (c.last_error IS NOT NULL AND c.status IN ('pending', 'failed'))`,
      );
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toCycleResponse) };
  }

  async get(orgId: string, id: string): Promise<BillingCycleResponse> {
    return toCycleResponse(await this.find(orgId, id));
  }

  /** Puts a failed (or retrying) cycle back in line and bills it now. */
  async retry(orgId: string, id: string): Promise<BillingCycleResponse> {
    const cycle = await this.find(orgId, id);
    if (cycle.status !== 'failed' && cycle.status !== 'pending')
      throw new AppError(409, BillingErrorCode.CycleNotRetryable, `Billing cycle ${id} is ${cycle.status}.`);
    await this.tx.manager.update(
      BillingCycle,
      { id, orgId, status: cycle.status },
      { status: 'pending', nextAttemptAt: new Date(), claimedUntil: null },
    );
    await this.runs.billOne(id);
    return this.get(orgId, id);
  }

  /** Bills the subscription's ended periods now instead of at the next run. */
  async billNow(orgId: string, subscriptionId: string, now = new Date()): Promise<BillingCycleResponse[]> {
    await this.subscriptions.get(orgId, subscriptionId);
    const due = await this.tx.manager
      .createQueryBuilder(BillingCycle, 'c')
      .where(`c.org_id = :orgId AND c.subscription_id = :subscriptionId AND c.status = 'pending'`, {
        orgId,
        subscriptionId,
      })
      .andWhere('c.boundary <= :now', { now })
      .orderBy('c.boundary')
      .getMany();
    if (due.length === 0)
      throw new AppError(
        409,
        BillingErrorCode.NothingToBill,
        `Subscription ${subscriptionId} has no ended period waiting for an invoice.`,
      );
    for (const cycle of due) await this.runs.billOne(cycle.id);
    return Promise.all(due.map((cycle) => this.get(orgId, cycle.id)));
  }

  async listRuns(orgId: string, page: PageQuery): Promise<Page<BillingRunResponse>> {
    const cursorId = page.cursor ? decodeCursor<{ id?: string }>(page.cursor).id : undefined;
    const rows = await this.runRows(orgId, cursorId ? 'AND r.id < $3' : '', [
      orgId,
      page.limit + 1,
      ...(cursorId ? [cursorId] : []),
    ]);
    return toPage(rows.map(toRunResponse), page.limit, (last) => ({ id: last.id }));
  }

  async getRun(orgId: string, id: string): Promise<BillingRunResponse> {
    const [row] = isUuid(id) ? await this.runRows(orgId, 'AND r.id = $3', [orgId, 1, id]) : [];
    if (!row) throw billingRunNotFound(id);
    return toRunResponse(row);
  }

  private runRows(orgId: string, condition: string, params: unknown[]): Promise<RunRow[]> {
    return this.tx.manager.query(
      `SELECT r.id, r.trigger, r.created_at, r.finished_at, c.*
         FROM billing_runs r
         JOIN (SELECT run_id,
                      count(*) AS cycles,
                      count(*) FILTER (WHERE status = 'invoiced') AS invoiced,
                      count(*) FILTER (WHERE status = 'awaiting_finalization') AS awaiting_finalization,
                      count(*) FILTER (WHERE status = 'skipped') AS skipped,
                      count(*) FILTER (WHERE last_error IS NOT NULL AND status IN ('pending', 'failed')) AS failed,
                      count(*) FILTER (WHERE status = 'pending' AND last_error IS NULL) AS pending
                 FROM billing_cycles WHERE org_id = $1 AND run_id IS NOT NULL GROUP BY run_id) c ON c.run_id = r.id
        WHERE true ${condition}
        ORDER BY r.id DESC
        LIMIT $2`,
      params,
    );
  }

  private async find(orgId: string, id: string): Promise<BillingCycle> {
    const cycle = isUuid(id) ? await this.tx.manager.findOneBy(BillingCycle, { orgId, id }) : null;
    if (!cycle) throw billingCycleNotFound(id);
    return cycle;
  }
}

function toRunResponse(row: RunRow): BillingRunResponse {
  const finishedAt = row.finished_at ? new Date(row.finished_at) : null;
  const startedAt = new Date(row.created_at);
  return {
    id: row.id,
    trigger: row.trigger,
    startedAt,
    finishedAt,
    durationMs: finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
    counts: {
      cycles: Number(row.cycles),
      invoiced: Number(row.invoiced),
      awaitingFinalization: Number(row.awaiting_finalization),
      skipped: Number(row.skipped),
      failed: Number(row.failed),
      pending: Number(row.pending),
    },
  };
}
