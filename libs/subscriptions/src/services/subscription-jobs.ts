import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';
import { SubscriptionsService } from './subscriptions.service';

/** The period job. The subscription events are consumed by billing and webhooks (EVENT_CONSUMERS). */
@Injectable()
export class SubscriptionJobs {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @JobHandler(JobName.AdvanceSubscriptionPeriods, { schedule: '* * * * *' })
  async advancePeriods(): Promise<{ moved: number }> {
    return { moved: await this.subscriptions.advanceDue() };
  }
}
