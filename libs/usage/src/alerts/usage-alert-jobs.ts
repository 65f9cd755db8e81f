import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { UsageAlertEvaluator } from './usage-alert-evaluator';

@Injectable()
export class UsageAlertJobs {
  private readonly logger = new Logger(UsageAlertJobs.name);

  constructor(private readonly evaluator: UsageAlertEvaluator) {}

  /** Debounced after ingestion (and after an alert is created); idempotent. */
  @JobHandler(JobName.EvaluateUsageAlerts)
  async evaluate(payload: JobPayloads[JobName.EvaluateUsageAlerts]): Promise<void> {
    await this.evaluator.evaluate(payload.orgId, payload.subscriptionId);
  }

  /** Logged only: email and webhook delivery come with the notifications issue. */
  @JobHandler(JobName.UsageAlertTriggered)
  async triggered(payload: JobPayloads[JobName.UsageAlertTriggered]): Promise<void> {
    this.logger.log(payload, 'usage alert triggered');
  }
}
