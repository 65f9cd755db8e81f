import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { SubscriptionsService } from './subscriptions.service';

/**
 * The period job and the recorders of the domain events. The events are only logged for now; the
 * invoicing and notification issues will consume them (each name keeps exactly one handler: replace the
 * recorder then).
 */
@Injectable()
export class SubscriptionJobs {
  private readonly logger = new Logger('subscriptions');

  constructor(private readonly subscriptions: SubscriptionsService) {}

  @JobHandler(JobName.AdvanceSubscriptionPeriods, { schedule: '* * * * *' })
  async advancePeriods(): Promise<{ moved: number }> {
    return { moved: await this.subscriptions.advanceDue() };
  }

  @JobHandler(JobName.SubscriptionCreated)
  async created(payload: JobPayloads[JobName.SubscriptionCreated]): Promise<void> {
    this.record(JobName.SubscriptionCreated, payload);
  }

  @JobHandler(JobName.SubscriptionUpdated)
  async updated(payload: JobPayloads[JobName.SubscriptionUpdated]): Promise<void> {
    this.record(JobName.SubscriptionUpdated, payload);
  }

  @JobHandler(JobName.SubscriptionCanceled)
  async canceled(payload: JobPayloads[JobName.SubscriptionCanceled]): Promise<void> {
    this.record(JobName.SubscriptionCanceled, payload);
  }

  @JobHandler(JobName.SubscriptionPeriodEnded)
  async periodEnded(payload: JobPayloads[JobName.SubscriptionPeriodEnded]): Promise<void> {
    this.record(JobName.SubscriptionPeriodEnded, payload);
  }

  private record(event: JobName, payload: { orgId: string; subscriptionId: string }): void {
    this.logger.log({ event, ...payload }, `${event} ${payload.subscriptionId}`);
  }
}
