import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';

@Injectable()
export class UsageAlertJobs {
  @JobHandler(JobName.EvaluateUsageAlerts)
  async evaluate(payload: JobPayloads[JobName.EvaluateUsageAlerts]): Promise<void> {
    void payload;
  }

  @JobHandler(JobName.UsageAlertTriggered)
  async triggered(payload: JobPayloads[JobName.UsageAlertTriggered]): Promise<void> {
    void payload;
  }
}
