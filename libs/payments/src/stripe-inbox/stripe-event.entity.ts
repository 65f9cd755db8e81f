import type Stripe from 'stripe';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const STRIPE_EVENT_STATUSES = ['pending', 'processed', 'ignored', 'failed'] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

/**
 * The inbox of inbound Stripe events (docs/payments-stripe-webhooks.md): one row per (org, Stripe event id),
 * stored before it is processed, so a duplicate delivery is a no-op and a replay re-runs the same payload.
 * Not a TenantEntity: the hot path writes it once per webhook, so it carries only the indexes it needs.
 */
@Entity('stripe_events')
@Index('stripe_events_org_id_stripe_event_id_key', ['orgId', 'stripeEventId'], { unique: true })
@Index('stripe_events_org_id_id_idx', ['orgId', 'id'])
@Check('stripe_events_status_check', `status IN ('pending', 'processed', 'ignored', 'failed')`)
export class StripeEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  /** Stripe's `evt_…` id. */
  @Column('text')
  stripeEventId: string;

  /** e.g. `payment_intent.succeeded`. */
  @Column('text')
  type: string;

  /** The id of the event's object (`data.object.id`), e.g. the PaymentIntent. */
  @Column('text', { nullable: true })
  objectId: string | null;

  @Column('boolean')
  livemode: boolean;

  /** The event's `created` at Stripe. */
  @Column('timestamptz')
  stripeCreatedAt: Date;

  /** The whole event as Stripe sent it. */
  @Column('jsonb')
  payload: Stripe.Event;

  @Column('text', { default: 'pending' })
  status: StripeEventStatus;

  /** Processing attempts so far (successful or not). */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  receivedAt: Date;

  @Column('timestamptz', { nullable: true })
  processedAt: Date | null;
}
