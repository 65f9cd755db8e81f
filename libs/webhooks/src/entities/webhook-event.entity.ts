import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One domain event as delivered to webhooks: the exact body that is signed and sent, the same on every
 * attempt and replay. Its id is the domain event's id. Stored only when some endpoint subscribed to it.
 */
@Entity('webhook_events')
export class WebhookEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  @Column('text')
  type: string;

  @Column('timestamptz')
  occurredAt: Date;

  /** The JSON envelope `{ id, type, createdAt, data }`, as sent. */
  @Column('text')
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
