import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobQueue, Page, TransactionContext, isUuid, newId, paginateById } from '@app/core';
import { StripeAccount } from '../stripe/stripe-account.entity';
import {
  CreateReconciliationDto,
  DiscrepancyFilter,
  DiscrepancyQuery,
  MAX_PERIOD_DAYS,
  ReconciliationRunQuery,
} from './reconciliation.dto';
import {
  ReconciliationError,
  ReconciliationErrorCode,
  discrepancyNotFound,
  invalidPeriod,
  runNotFound,
} from './reconciliation.errors';
import { DiscrepancyResponse, ReconciliationRunResponse } from './reconciliation.response';
import { ReconciliationDiscrepancy } from './reconciliation-discrepancy.entity';
import { ReconciliationRun } from './reconciliation-run.entity';

const DAY_MS = 86_400_000;

const toRunResponse = ({
  orgId: _orgId,
  updatedAt: _updatedAt,
  ...run
}: ReconciliationRun): ReconciliationRunResponse => run;

export const toDiscrepancyResponse = ({
  orgId: _orgId,
  updatedAt: _updatedAt,
  ...discrepancy
}: ReconciliationDiscrepancy): DiscrepancyResponse => discrepancy;

/** The UTC day before `now`: [yesterday 00:00, today 00:00). */
export function previousUtcDay(now: Date): { start: Date; end: Date } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start: new Date(end.getTime() - DAY_MS), end };
}

/** Starts reconciliation runs (each with its job, in one transaction) and reads and resolves their findings. */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  /** A manual run of [from, to); 422 for a period that is empty, too long or not over yet. */
  async start(
    orgId: string,
    requestedBy: string,
    body: CreateReconciliationDto,
  ): Promise<ReconciliationRunResponse> {
    const start = new Date(body.from);
    const end = new Date(body.to);
    if (end.getTime() <= start.getTime()) throw invalidPeriod('to', 'must be after from');
    if (end.getTime() > Date.now()) throw invalidPeriod('to', 'must not be in the future');
    if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS)
      throw invalidPeriod('to', `must be at most ${MAX_PERIOD_DAYS} days after from`);
    return this.tx.run(async (manager) => {
      const run = manager.create(ReconciliationRun, {
        orgId,
        periodStart: start,
        periodEnd: end,
        trigger: 'manual',
        status: 'running',
        totals: null,
        requestedBy,
        startedAt: new Date(),
        completedAt: null,
        error: null,
      });
      await manager.insert(ReconciliationRun, run);
      await this.jobs.enqueue(JobName.RunReconciliation, { orgId, runId: run.id });
      return toRunResponse(await this.find(manager, orgId, run.id));
    });
  }

  /**
   * One scheduled run of the previous UTC day per org with a Stripe account; the unique index on scheduled
   * runs makes a second call for the same day a no-op. Returns how many runs were started.
   */
  async startScheduled(now: Date): Promise<number> {
    const { start, end } = previousUtcDay(now);
    return this.tx.run(async (manager) => {
      const accounts = await manager.find(StripeAccount, { select: { orgId: true } });
      const created: { id: string; org_id: string }[] = await manager.query(
        `INSERT INTO reconciliation_runs (id, org_id, period_start, period_end, trigger, status, started_at)
         SELECT t.id, t.org_id, $3, $4, 'scheduled', 'running', now()
           FROM unnest($1::uuid[], $2::uuid[]) AS t(id, org_id)
         ON CONFLICT (org_id, period_start, period_end) WHERE trigger = 'scheduled' DO NOTHING
         RETURNING id, org_id`,
        [accounts.map(() => newId()), accounts.map((a) => a.orgId), start, end],
      );
      await this.jobs.enqueueMany(
        JobName.RunReconciliation,
        created.map((row) => ({ orgId: row.org_id, runId: row.id })),
      );
      return created.length;
    });
  }

  async list(orgId: string, query: ReconciliationRunQuery): Promise<Page<ReconciliationRunResponse>> {
    const qb = this.tx.manager
      .createQueryBuilder(ReconciliationRun, 'r')
      .where('r.org_id = :orgId', { orgId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.trigger) qb.andWhere('r.trigger = :trigger', { trigger: query.trigger });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toRunResponse) };
  }

  async get(orgId: string, id: string): Promise<ReconciliationRunResponse> {
    return toRunResponse(await this.find(this.tx.manager, orgId, id));
  }

  /** A failed run runs again (same id and period). 409 unless it failed. */
  async retry(orgId: string, id: string): Promise<ReconciliationRunResponse> {
    return this.tx.run(async (manager) => {
      await this.find(manager, orgId, id);
      const { affected } = await manager.update(
        ReconciliationRun,
        { orgId, id, status: 'failed' },
        { status: 'running', error: null, startedAt: new Date(), completedAt: null },
      );
      if (!affected)
        throw new ReconciliationError(
          409,
          ReconciliationErrorCode.RunNotFailed,
          'Only a failed run can be retried.',
        );
      await this.jobs.enqueue(JobName.RunReconciliation, { orgId, runId: id });
      return toRunResponse(await this.find(manager, orgId, id));
    });
  }

  /** Newest first, like every list. */
  async discrepancies(
    orgId: string,
    runId: string,
    query: DiscrepancyQuery,
  ): Promise<Page<DiscrepancyResponse>> {
    await this.find(this.tx.manager, orgId, runId);
    const page = await paginateById(this.discrepancyQuery(orgId, runId, query), query);
    return { ...page, data: page.data.map(toDiscrepancyResponse) };
  }

  /** Every discrepancy of the run matching `filter`, in batches (for the CSV export). */
  async *streamDiscrepancies(
    orgId: string,
    runId: string,
    filter: DiscrepancyFilter,
  ): AsyncGenerator<ReconciliationDiscrepancy> {
    await this.find(this.tx.manager, orgId, runId);
    for (let cursor: string | undefined; ;) {
      const page = await paginateById(this.discrepancyQuery(orgId, runId, filter), { limit: 100, cursor });
      yield* page.data;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  /** Marks it resolved with a note; 409 when it already is. */
  async resolve(orgId: string, id: string, resolvedBy: string, note: string): Promise<DiscrepancyResponse> {
    const manager = this.tx.manager;
    const discrepancy = isUuid(id) ? await manager.findOneBy(ReconciliationDiscrepancy, { orgId, id }) : null;
    if (!discrepancy) throw discrepancyNotFound(id);
    const { affected } = await manager
      .createQueryBuilder()
      .update(ReconciliationDiscrepancy)
      .set({ resolvedAt: () => 'now()', resolvedBy, resolutionNote: note })
      .where('id = :id AND org_id = :orgId AND resolved_at IS NULL', { id, orgId })
      .execute();
    if (!affected)
      throw new ReconciliationError(
        409,
        ReconciliationErrorCode.DiscrepancyAlreadyResolved,
        `Discrepancy ${id} is already resolved.`,
      );
    return toDiscrepancyResponse(await manager.findOneByOrFail(ReconciliationDiscrepancy, { orgId, id }));
  }

  private discrepancyQuery(orgId: string, runId: string, filter: DiscrepancyFilter) {
    const qb = this.tx.manager
      .createQueryBuilder(ReconciliationDiscrepancy, 'd')
      .where('d.org_id = :orgId AND d.run_id = :runId', { orgId, runId });
    if (filter.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.resolved !== undefined)
      qb.andWhere(filter.resolved ? 'd.resolved_at IS NOT NULL' : 'd.resolved_at IS NULL');
    return qb;
  }

  private async find(manager: EntityManager, orgId: string, id: string): Promise<ReconciliationRun> {
    const run = isUuid(id) ? await manager.findOneBy(ReconciliationRun, { orgId, id }) : null;
    if (!run) throw runNotFound(id);
    return run;
  }
}
