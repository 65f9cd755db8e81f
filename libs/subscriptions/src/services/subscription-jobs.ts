import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { SubscriptionsService } from './subscriptions.service';

/**
 * The period job, and the recorder of `subscription.canceled` (only logged until the notifications issue
 * consumes it). Created, updated and period-ended are consumed by the billing runs (libs/invoicing).
 */
@Injectable()
export class SubscriptionJobs {
  private readonly logger = new Logger('subscriptions');

  constructor(private readonly subscriptions: SubscriptionsService) {}

  @JobHandler(JobName.AdvanceSubscriptionPeriods, { schedule: '* * * * *' })
  async advancePeriods(): Promise<{ moved: number }> {
    return { moved: await this.subscriptions.advanceDue() };
  }

  @JobHandler(JobName.SubscriptionCanceled)
  async canceled(payload: JobPayloads[JobName.SubscriptionCanceled]): Promise<void> {
    this.record(JobName.SubscriptionCanceled, payload);
  }

  private record(event: JobName, payload: { orgId: string; subscriptionId: string }): void {
    this.logger.log({ event, ...payload }, `${event} ${payload.subscriptionId}`);
  }
}
