import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '@app/core';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event to one endpoint: `pending` while attempts remain (`nextAttemptAt` is when the next one is due;
 * while an attempt is in flight, the end of its lease), then `delivered` or `failed` (retries exhausted, or
 * the endpoint was disabled). A replay makes it `pending` again.
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_endpoint_event_key', ['endpointId', 'eventId'], { unique: true })
@Index('webhook_deliveries_org_endpoint_idx', ['orgId', 'endpointId', 'id'])
@Index('webhook_deliveries_pending_next_attempt_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
@Check('webhook_deliveries_status_check', `status IN ('pending', 'delivered', 'failed')`)
export class WebhookDelivery extends TenantEntity {
  @Column('uuid')
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpoint;

  @Index()
  @Column('uuid')
  eventId: string;

  @ManyToOne(() => WebhookEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: WebhookEvent;

  @Column('text')
  eventType: string;

  @Column('text')
  status: WebhookDeliveryStatus;

  @Column('int', { default: 0 })
  attemptCount: number;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt: Date | null;

  @Column('int', { nullable: true })
  lastStatusCode: number | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;
}
