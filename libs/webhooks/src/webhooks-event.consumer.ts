import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName, JobPayloads } from '@app/core';
import { AttemptResult, WebhookDeliverer } from './services/webhook-deliverer';
import { WebhookDeliveryResumer } from './services/webhook-delivery-resumer';
import { WebhookFanOut } from './services/webhook-fan-out';

/**
 * Outbound webhooks: turns each event into one delivery per subscribed endpoint, delivers them, and resumes
 * the ones whose attempt was lost.
 */
@Injectable()
export class WebhooksEventConsumer {
  constructor(
    private readonly fanOut: WebhookFanOut,
    private readonly deliverer: WebhookDeliverer,
    private readonly resumer: WebhookDeliveryResumer,
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

  @JobHandler(JobName.ResumeWebhookDeliveries, { schedule: '*/5 * * * *' })
  async resume(): Promise<void> {
    await this.resumer.run();
  }
}
