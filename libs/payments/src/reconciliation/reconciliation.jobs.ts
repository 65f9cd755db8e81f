import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { ReconciliationRunner } from './reconciliation.runner';
import { ReconciliationService } from './reconciliation.service';

@Injectable()
export class ReconciliationJobs {
  constructor(
    private readonly reconciliations: ReconciliationService,
    private readonly runner: ReconciliationRunner,
  ) {}

  /** Daily (04:30 UTC): a run of the previous UTC day for every org connected to Stripe. */
  @JobHandler(JobName.StartReconciliations, { schedule: '30 4 * * *' })
  async startAll(): Promise<number> {
    return this.reconciliations.startScheduled(new Date());
  }

  @JobHandler(JobName.RunReconciliation)
  run(payload: JobPayloads[JobName.RunReconciliation]): Promise<void> {
    return this.runner.run(payload.orgId, payload.runId);
  }
}
