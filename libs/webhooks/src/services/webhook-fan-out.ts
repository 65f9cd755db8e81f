import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobName, JobQueue, TransactionContext, newId } from '@app/core';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { WebhookEvent } from '../entities/webhook-event.entity';
import { ALL_EVENTS } from './webhook-endpoints.service';

/** The body of every delivery of an event: `{ id, type, createdAt, data }`, serialized once. */
export const envelopeBody = (event: DomainEventEnvelope): string =>
  JSON.stringify({ id: event.id, type: event.type, createdAt: event.occurredAt, data: event.data });

/**
 * Turns a domain event into one delivery per enabled endpoint of its organisation subscribed to its type,
 * each with its own delivery job, in one transaction. Idempotent: a redelivered event finds its deliveries
 * (unique per endpoint and event) and enqueues nothing more.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  fanOut(event: DomainEventEnvelope): Promise<{ deliveries: number }> {
    const { orgId } = event.data;
    return this.tx.run(async (manager) => {
      const endpoints = await manager
        .createQueryBuilder(WebhookEndpoint, 'e')
        .select(['e.id'])
        .where('e.org_id = :orgId AND e.enabled AND e.enabled_events && :types::text[]', {
          orgId,
          types: [event.type, ALL_EVENTS],
        })
        .getMany();
      if (endpoints.length === 0) return { deliveries: 0 };
      await manager
        .createQueryBuilder()
        .insert()
        .into(WebhookEvent)
        .values({
          id: event.id,
          orgId,
          type: event.type,
          occurredAt: new Date(event.occurredAt),
          body: envelopeBody(event),
        })
        .orIgnore()
        .execute();
      let deliveries = 0;
      for (const endpoint of endpoints) {
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(WebhookDelivery)
          .values({
            id: newId(),
            orgId,
            endpointId: endpoint.id,
            eventId: event.id,
            eventType: event.type,
            status: 'pending',
            nextAttemptAt: new Date(),
          })
          .orIgnore()
          .returning('id')
          .execute();
        const row = (inserted.raw as { id: string }[])[0];
        if (!row) continue;
        await this.jobs.enqueue(JobName.DeliverWebhook, { orgId, deliveryId: row.id });
        deliveries++;
      }
      return { deliveries };
    });
  }
}
