import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName, JobPayloads } from '@app/core';

/** Outbound webhooks: turns each event into one delivery per subscribed endpoint, and delivers them. */
@Injectable()
export class WebhooksEventConsumer {
  @JobHandler(JobName.WebhooksOnEvent)
  async onEvent(_event: DomainEventEnvelope): Promise<void> {
    // Contract stub: replaced by the webhooks implementation.
  }

  @JobHandler(JobName.DeliverWebhook)
  async deliver(_payload: JobPayloads[JobName.DeliverWebhook]): Promise<void> {
    // Contract stub: replaced by the webhooks implementation.
  }
}
