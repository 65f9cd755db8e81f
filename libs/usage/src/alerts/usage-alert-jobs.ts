import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { UsageAlertEvaluator } from './usage-alert-evaluator';

@Injectable()
export class UsageAlertJobs {
  constructor(private readonly evaluator: UsageAlertEvaluator) {}

  /** Debounced after ingestion (and after an alert is created); idempotent. */
  @JobHandler(JobName.EvaluateUsageAlerts)
  async evaluate(payload: JobPayloads[JobName.EvaluateUsageAlerts]): Promise<void> {
    await this.evaluator.evaluate(payload.orgId, payload.subscriptionId);
  }
}
