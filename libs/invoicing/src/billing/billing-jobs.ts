import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { BillingRunsService } from './billing-runs.service';
import { GraceDraftsFinalizer } from './grace-drafts.finalizer';

@Injectable()
export class BillingJobs {
  constructor(
    private readonly runs: BillingRunsService,
    private readonly graceDrafts: GraceDraftsFinalizer,
  ) {}

  @JobHandler(JobName.StartBillingRun, { schedule: (config) => config.BILLING_RUN_CRON })
  async startRun(payload: JobPayloads[JobName.StartBillingRun]): Promise<{ runId: string; cycles: number }> {
    const run = await this.runs.start('trigger' in payload ? payload.trigger : 'schedule');
    return { runId: run.id, cycles: run.cyclesTotal };
  }

  @JobHandler(JobName.BillCycles)
  async billCycles(payload: JobPayloads[JobName.BillCycles]): Promise<Record<string, number>> {
    return this.runs.billBatch(payload.runId, payload.cycleIds);
  }

  @JobHandler(JobName.FinalizeGraceDrafts, { schedule: '*/5 * * * *' })
  async finalizeGraceDrafts(): Promise<{ finalized: number }> {
    return { finalized: await this.graceDrafts.finalizeDue() };
  }
}
