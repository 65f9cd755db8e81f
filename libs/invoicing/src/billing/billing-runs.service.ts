import { Injectable, Logger } from '@nestjs/common';
import { JobName, JobQueue, TransactionContext } from '@app/core';
import { BillingRun } from './billing-run.entity';
import { billingCycleOutcomes, billingRunDuration } from './billing-metrics';
import { BatchBiller, BatchResult, CycleOutcome } from './batch-biller';

/** Cycles per BillCycles job: small enough to spread over workers, large enough to amortise the job. */
export const BILLING_BATCH_SIZE = 50;
/** A claimed cycle not billed within this time (its worker died) is claimed again by the next run. */
const CLAIM_MINUTES = 30;
/** After this many failed attempts a cycle stops being retried by the schedule and waits for a person. */
export const MAX_BILLING_ATTEMPTS = 5;
/** Backoff between attempts: 5 min, 10, 20, 40. */
const retryDelayMs = (attempts: number): number => 5 * 60_000 * 2 ** (attempts - 1);

type BatchCounts = Record<Exclude<CycleOutcome, 'busy'> | 'failed' | 'busy', number>;

/** Billing runs: claim every due cycle, fan the work out in batches, bill, count, report. */
@Injectable()
export class BillingRunsService {
  private readonly logger = new Logger('billing');

  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly biller: BatchBiller,
  ) {}

  /**
   * Claims the due cycles of every organisation (skipping ones a live run holds) and enqueues their batches in
   * the same transaction, so a crash either claims and enqueues all of them or none.
   */
  async start(trigger: BillingRun['trigger'], now = new Date()): Promise<BillingRun> {
    return this.tx.run(async (manager) => {
      const run = manager.create(BillingRun, { trigger, cyclesTotal: 0, finishedAt: null });
      await manager.insert(BillingRun, run);
      const claimed: { id: string }[] = await manager
        .query(
          `UPDATE billing_cycles SET run_id = $1, claimed_until = $2::timestamptz + make_interval(mins => $3)
          WHERE id IN (
            SELECT id FROM billing_cycles
             WHERE status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until < $2)
             ORDER BY next_attempt_at
             FOR UPDATE SKIP LOCKED)
          RETURNING id`,
          [run.id, now, CLAIM_MINUTES],
        )
        .then(([rows]: [{ id: string }[]]) => rows);
      run.cyclesTotal = claimed.length;
      if (claimed.length === 0) run.finishedAt = new Date();
      await manager.update(BillingRun, run.id, { cyclesTotal: run.cyclesTotal, finishedAt: run.finishedAt });
      for (let i = 0; i < claimed.length; i += BILLING_BATCH_SIZE) {
        const cycleIds = claimed.slice(i, i + BILLING_BATCH_SIZE).map((c) => c.id);
        await this.jobs.enqueue(JobName.BillCycles, { runId: run.id, cycleIds });
      }
      this.logger.log(
        { runId: run.id, trigger, cycles: claimed.length },
        `billing run ${run.id}: ${claimed.length} cycles claimed`,
      );
      return run;
    });
  }

  /** Bills the batch's cycles together; a failure is recorded on its cycle and never stops the others. */
  async billBatch(runId: string, cycleIds: string[]): Promise<BatchCounts> {
    const counts: BatchCounts = { invoiced: 0, awaiting_finalization: 0, skipped: 0, failed: 0, busy: 0 };
    for (const outcome of (await this.billCycles(cycleIds)).values()) {
      counts[outcome]++;
      billingCycleOutcomes.inc({ outcome });
    }
    await this.recordProgress(runId, cycleIds.length, counts);
    return counts;
  }

  /** Bills one cycle now; on failure records it (attempts, error, backoff) and answers 'failed'. */
  async billOne(cycleId: string): Promise<CycleOutcome | 'failed'> {
    return (await this.billCycles([cycleId])).get(cycleId)!;
  }

  /**
   * One transaction for the cycles (BatchBiller), each failing cycle recorded. When the batch fails as a
   * whole (while numbering, posting or writing its invoices together), nothing of it was written: each cycle
   * is then billed on its own, so that only the culprit fails.
   */
  private async billCycles(cycleIds: string[]): Promise<Map<string, CycleOutcome | 'failed'>> {
    let result: BatchResult;
    try {
      result = await this.biller.bill(cycleIds);
    } catch (error) {
      if (cycleIds.length > 1) return this.billEachAlone(cycleIds, error);
      result = { outcomes: new Map(), failures: new Map([[cycleIds[0], error]]) };
    }
    const outcomes = new Map<string, CycleOutcome | 'failed'>(result.outcomes);
    for (const [cycleId, error] of result.failures) {
      await this.recordFailure(cycleId, error);
      outcomes.set(cycleId, 'failed');
    }
    return outcomes;
  }

  private async billEachAlone(
    cycleIds: string[],
    error: unknown,
  ): Promise<Map<string, CycleOutcome | 'failed'>> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ cycleIds, error: message }, `billing batch failed, each cycle alone now: ${message}`);
    const outcomes = new Map<string, CycleOutcome | 'failed'>();
    for (const cycleId of cycleIds) outcomes.set(cycleId, await this.billOne(cycleId));
    return outcomes;
  }

  private async recordFailure(cycleId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const [cycle] = await this.tx.manager
      .query(
        `UPDATE billing_cycles
            SET attempts = attempts + 1, last_error = $2, claimed_until = NULL,
                status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => $4::double precision / 1000 * power(2, attempts)),
                updated_at = now()
          WHERE id = $1
          RETURNING org_id, subscription_id, attempts, status`,
        [cycleId, message.slice(0, 2000), MAX_BILLING_ATTEMPTS, retryDelayMs(1)],
      )
      .then(
        ([rows]: [{ org_id: string; subscription_id: string; attempts: number; status: string }[]]) => rows,
      );
    this.logger.warn(
      {
        cycleId,
        orgId: cycle?.org_id,
        subscriptionId: cycle?.subscription_id,
        attempts: cycle?.attempts,
        error: message,
      },
      `billing cycle ${cycleId} failed (attempt ${cycle?.attempts}${cycle?.status === 'failed' ? ', giving up' : ''}): ${message}`,
    );
  }

  private async recordProgress(runId: string, processed: number, counts: BatchCounts): Promise<void> {
    const [row] = await this.tx.manager
      .query(
        `UPDATE billing_runs
            SET processed = processed + $2, invoiced = invoiced + $3, skipped = skipped + $4, failed = failed + $5,
                finished_at = CASE WHEN processed + $2 >= cycles_total THEN now() ELSE finished_at END,
                updated_at = now()
          WHERE id = $1
          RETURNING processed, cycles_total, invoiced, skipped, failed, finished_at, created_at`,
        [
          runId,
          processed,
          counts.invoiced + counts.awaiting_finalization,
          counts.skipped + counts.busy,
          counts.failed,
        ],
      )
      .then(([rows]: [Record<string, unknown>[]]) => rows);
    if (!row) return;
    const progress = `${String(row.processed)}/${String(row.cycles_total)}`;
    if (row.finished_at) {
      const seconds =
        (new Date(row.finished_at as string).getTime() - new Date(row.created_at as string).getTime()) / 1000;
      billingRunDuration.observe(seconds);
      this.logger.log(
        { runId, ...row, seconds },
        `billing run ${runId} finished: ${progress} cycles in ${seconds.toFixed(1)} s`,
      );
    } else {
      this.logger.log({ runId, ...row }, `billing run ${runId}: ${progress} cycles`);
    }
  }
}
