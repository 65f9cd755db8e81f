import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '@app/core';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One HTTP attempt of a delivery, as observed: the log that the API shows. */
@Entity('webhook_delivery_attempts')
@Index('webhook_delivery_attempts_delivery_number_key', ['deliveryId', 'number'], { unique: true })
export class WebhookDeliveryAttempt extends TenantEntity {
  @Column('uuid')
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDelivery;

  /** 1 for the first attempt, counting replays. */
  @Column('int')
  number: number;

  @Column('boolean')
  succeeded: boolean;

  /** Null when no response arrived (network error, timeout, refused target). */
  @Column('int', { nullable: true })
  statusCode: number | null;

  @Column('int')
  latencyMs: number;

  /** The first KB of the response body. */
  @Column('text', { nullable: true })
  responseExcerpt: string | null;

  @Column('text', { nullable: true })
  error: string | null;
}
