import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { WebhookDeliveryQuery } from '../dto/webhook-delivery.dto';
import {
  WebhookAttemptResponse,
  WebhookDeliveryDetailResponse,
  WebhookDeliveryResponse,
} from '../dto/webhook-delivery.response';
import { WebhookDeliveryAttempt } from '../entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import {
  WebhooksError,
  WebhooksErrorCode,
  webhookDeliveryNotFound,
  webhookEndpointNotFound,
} from '../webhooks.errors';

const toDeliveryResponse = (d: WebhookDelivery): WebhookDeliveryResponse => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attemptCount: d.attemptCount,
  nextAttemptAt: d.nextAttemptAt,
  lastAttemptAt: d.lastAttemptAt,
  lastStatusCode: d.lastStatusCode,
  deliveredAt: d.deliveredAt,
  createdAt: d.createdAt,
});

const toAttemptResponse = (a: WebhookDeliveryAttempt): WebhookAttemptResponse => ({
  number: a.number,
  succeeded: a.succeeded,
  statusCode: a.statusCode,
  latencyMs: a.latencyMs,
  responseExcerpt: a.responseExcerpt,
  error: a.error,
  at: a.createdAt,
});

/** The delivery log: deliveries per endpoint, one delivery with its attempts, and replays. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  async listForEndpoint(
    orgId: string,
    endpointId: string,
    query: WebhookDeliveryQuery,
  ): Promise<Page<WebhookDeliveryResponse>> {
    const exists =
      isUuid(endpointId) && (await this.tx.manager.existsBy(WebhookEndpoint, { orgId, id: endpointId }));
    if (!exists) throw webhookEndpointNotFound(endpointId);
    const builder = this.tx.manager
      .createQueryBuilder(WebhookDelivery, 'd')
      .where('d.org_id = :orgId AND d.endpoint_id = :endpointId', { orgId, endpointId });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    const page = await paginateById(builder, query);
    return { ...page, data: page.data.map(toDeliveryResponse) };
  }

  async get(orgId: string, id: string): Promise<WebhookDeliveryDetailResponse> {
    const delivery = isUuid(id) ? await this.tx.manager.findOneBy(WebhookDelivery, { orgId, id }) : null;
    if (!delivery) throw webhookDeliveryNotFound(id);
    const attempts = await this.tx.manager.find(WebhookDeliveryAttempt, {
      where: { orgId, deliveryId: id },
      order: { number: 'ASC' },
    });
    return { ...toDeliveryResponse(delivery), attempts: attempts.map(toAttemptResponse) };
  }

  /**
   * A new attempt now, with the same event id and body, whatever the delivery's status; a failure schedules
   * retries as usual (until 72 h after the first attempt). 409 when the endpoint is disabled.
   */
  async replay(orgId: string, id: string): Promise<WebhookDeliveryDetailResponse> {
    if (!isUuid(id)) throw webhookDeliveryNotFound(id);
    await this.tx.run(async (manager) => {
      const delivery = await manager
        .createQueryBuilder(WebhookDelivery, 'd')
        .innerJoinAndSelect('d.endpoint', 'e')
        .setLock('pessimistic_write', undefined, ['d'])
        .where('d.org_id = :orgId AND d.id = :id', { orgId, id })
        .getOne();
      if (!delivery) throw webhookDeliveryNotFound(id);
      if (!delivery.endpoint?.enabled) {
        throw new WebhooksError(
          409,
          WebhooksErrorCode.WebhookEndpointDisabled,
          'The endpoint is disabled; enable it before replaying its deliveries.',
        );
      }
      await manager.update(WebhookDelivery, { orgId, id }, { status: 'pending', nextAttemptAt: new Date() });
      await this.jobs.enqueue(JobName.DeliverWebhook, { orgId, deliveryId: id });
    });
    return this.get(orgId, id);
  }
}
