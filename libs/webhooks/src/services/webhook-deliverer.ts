import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, JobName, JobQueue, TransactionContext } from '@app/core';
import { WebhookHttpClient, WebhookOutcome } from '../delivery/webhook-http-client';
import { WebhookRetrySchedule } from '../delivery/webhook-retry-schedule';
import { signatureHeader } from '../delivery/webhook-signature';
import { WebhookDeliveryAttempt } from '../entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';
import { FailingEndpointMonitor } from './failing-endpoint-monitor';
import { WebhookEndpointsService } from './webhook-endpoints.service';

export const WEBHOOK_USER_AGENT = 'BillingWebhooks/1.0';

/** A job may run up to this early (or be late by clock skew) and still count as due. */
const DUE_SLACK_MS = 1000;
/** Beyond the HTTP timeout, how long a claimed attempt may take to record its outcome before it is due again. */
const RECORD_MARGIN_MS = 60_000;

export type AttemptResult = { attempt: number; succeeded: boolean } | { skipped: string };

/**
 * One delivery attempt. The attempt is claimed first (a conditional update that only succeeds while the
 * delivery is pending and due), so a stale or duplicated job makes no second request; the claim is a lease:
 * it moves the next attempt to the end of the longest the attempt can take, so a worker that dies mid-attempt
 * leaves the delivery due again then (WebhookDeliveryResumer enqueues it). The HTTP call runs outside any
 * transaction; the outcome, the next attempt (a delayed job through the outbox) and the endpoint's failing
 * state are then written in one transaction.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly leaseMs: number;

  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly endpoints: WebhookEndpointsService,
    private readonly client: WebhookHttpClient,
    private readonly schedule: WebhookRetrySchedule,
    private readonly monitor: FailingEndpointMonitor,
    @Inject(AppConfig) config: Pick<AppConfig, 'WEBHOOK_TIMEOUT_MS'>,
  ) {
    this.leaseMs = config.WEBHOOK_TIMEOUT_MS + RECORD_MARGIN_MS;
  }

  async attempt(orgId: string, deliveryId: string): Promise<AttemptResult> {
    const number = await this.claim(orgId, deliveryId);
    if (number === null) return { skipped: 'not pending or not due' };
    const delivery = await this.tx.manager.findOne(WebhookDelivery, {
      where: { orgId, id: deliveryId },
      relations: { endpoint: true, event: true },
    });
    if (!delivery?.endpoint || !delivery.event) return { skipped: 'deleted' };
    const { endpoint, event } = delivery;
    if (!endpoint.enabled) {
      await this.tx.manager.update(
        WebhookDelivery,
        { orgId, id: deliveryId },
        { status: 'failed', nextAttemptAt: null },
      );
      return { skipped: 'endpoint disabled' };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await this.client.post({
      url: endpoint.url,
      body: event.body,
      headers: {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        'webhook-id': event.id,
        'webhook-signature': signatureHeader(this.endpoints.signingSecrets(endpoint), timestamp, event.body),
      },
    });
    await this.record(delivery, number, outcome);
    return { attempt: number, succeeded: outcome.succeeded };
  }

  /** The number of the claimed attempt, or null when the delivery is not pending and due. */
  private async claim(orgId: string, deliveryId: string): Promise<number | null> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ attemptCount: () => 'attempt_count + 1', nextAttemptAt: new Date(Date.now() + this.leaseMs) })
      .where(`org_id = :orgId AND id = :deliveryId AND status = 'pending' AND next_attempt_at <= :due`, {
        orgId,
        deliveryId,
        due: new Date(Date.now() + DUE_SLACK_MS),
      })
      .returning('attempt_count')
      .execute();
    const row = (result.raw as { attempt_count: number }[])[0];
    return row ? row.attempt_count : null;
  }

  private record(delivery: WebhookDelivery, number: number, outcome: WebhookOutcome): Promise<void> {
    const { orgId, id, endpointId } = delivery;
    return this.tx.run(async (manager) => {
      const now = new Date();
      await manager.insert(
        WebhookDeliveryAttempt,
        manager.create(WebhookDeliveryAttempt, {
          orgId,
          deliveryId: id,
          number,
          ...outcome,
        }),
      );
      const observed = { lastAttemptAt: now, lastStatusCode: outcome.statusCode, nextAttemptAt: null };
      if (outcome.succeeded) {
        await manager.update(
          WebhookDelivery,
          { orgId, id },
          { ...observed, status: 'delivered', deliveredAt: now },
        );
        await this.monitor.recordSuccess(orgId, endpointId);
        return;
      }
      const disabled = await this.monitor.recordFailure(orgId, endpointId, now, outcome.error ?? 'failed');
      const delay = disabled ? null : this.schedule.nextDelayMs(number, delivery.createdAt, now);
      await manager.update(
        WebhookDelivery,
        { orgId, id },
        delay === null
          ? { ...observed, status: 'failed' }
          : { ...observed, nextAttemptAt: new Date(now.getTime() + delay) },
      );
      if (delay !== null)
        await this.jobs.enqueue(JobName.DeliverWebhook, { orgId, deliveryId: id }, { delayMs: delay });
    });
  }
}
