import { Column, Entity, Index } from 'typeorm';
import { SubscriptionProrationLine, TenantEntity } from '@app/core';

/** A proration from a plan change made now, waiting for the subscription's next invoice. */
@Entity('billing_pending_prorations')
@Index('billing_pending_prorations_source_key', ['orgId', 'sourceEventId', 'position'], { unique: true })
@Index('billing_pending_prorations_open_idx', ['orgId', 'subscriptionId'], { where: 'invoice_id IS NULL' })
export class PendingProration extends TenantEntity {
  @Column('uuid')
  subscriptionId: string;

  /** The subscription.updated event (outbox id) that carried it: a redelivered event adds nothing. */
  @Column('text')
  sourceEventId: string;

  @Column('int')
  position: number;

  @Column('jsonb')
  line: SubscriptionProrationLine;

  @Column('uuid', { nullable: true })
  invoiceId: string | null;
}
