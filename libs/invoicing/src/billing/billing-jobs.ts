import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';

@Injectable()
export class BillingJobs {
  @JobHandler(JobName.StartBillingRun, { schedule: '0 * * * *' })
  async startRun(payload: JobPayloads[JobName.StartBillingRun]): Promise<void> {
    void payload;
  }

  @JobHandler(JobName.BillCycles)
  async billCycles(payload: JobPayloads[JobName.BillCycles]): Promise<void> {
    void payload;
  }

  @JobHandler(JobName.FinalizeGraceDrafts, { schedule: '*/5 * * * *' })
  async finalizeGraceDrafts(): Promise<void> {}
}
