import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName, JobPayloads } from '@app/core';
import { AttemptResult, WebhookDeliverer } from './services/webhook-deliverer';
import { WebhookFanOut } from './services/webhook-fan-out';

/** Outbound webhooks: turns each event into one delivery per subscribed endpoint, and delivers them. */
@Injectable()
export class WebhooksEventConsumer {
  constructor(
    private readonly fanOut: WebhookFanOut,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  @JobHandler(JobName.WebhooksOnEvent)
  onEvent(event: DomainEventEnvelope): Promise<{ deliveries: number }> {
    return this.fanOut.fanOut(event);
  }

  /** One attempt; a failed one schedules the next itself, so the job succeeds either way. */
  @JobHandler(JobName.DeliverWebhook)
  deliver(payload: JobPayloads[JobName.DeliverWebhook]): Promise<AttemptResult> {
    return this.deliverer.attempt(payload.orgId, payload.deliveryId);
  }
}
