import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { JobName, JobQueue, NotFoundError, isUuid, newId } from '@app/core';
import { PaymentsError, PaymentsErrorCode } from '../payments.errors';
import { StripeAccountsService, StripeConnection } from '../stripe/stripe-accounts.service';

/** Stripe's own default: a signature older than this (seconds) is refused, so a captured delivery can't be replayed. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

// Raw SQL on the hot path: the payload goes in as the bytes Stripe signed, without re-serialising the event.
const INSERT_EVENT = `
  INSERT INTO stripe_events (id, org_id, stripe_event_id, type, object_id, livemode, stripe_created_at, payload)
  VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7), $8::jsonb)
  ON CONFLICT (org_id, stripe_event_id) DO NOTHING
  RETURNING id`;

/**
 * The hot path of `POST /v1/webhooks/stripe/{orgId}`: verify the signature over the raw bytes with the org's
 * webhook secret, then ONE statement: INSERT … ON CONFLICT DO NOTHING into the inbox and, only when the row
 * is new, the processing job (outbox). Nothing is stored for a request that fails verification.
 */
@Injectable()
export class StripeWebhookReceiver {
  constructor(
    private readonly accounts: StripeAccountsService,
    private readonly jobs: JobQueue,
  ) {}

  /** True when the event is new, false for a duplicate delivery. */
  async receive(orgId: string, rawBody: Buffer | undefined, signature: string | undefined): Promise<boolean> {
    const connection = isUuid(orgId) ? await this.accounts.find(orgId) : null;
    // One answer for an unknown org and an org without Stripe: the path reveals nothing about which it is.
    if (!connection) throw new NotFoundError('stripe_webhook_endpoint', orgId);
    if (!rawBody) throw invalidSignature('the body must be the JSON event Stripe sent (application/json).');
    const event = verify(connection, rawBody, signature);
    return this.jobs.insertThenEnqueue(
      {
        sql: INSERT_EVENT,
        params: [
          newId(),
          orgId,
          event.id,
          event.type,
          objectIdOf(event),
          event.livemode,
          event.created,
          rawBody.toString('utf8'),
        ],
      },
      JobName.ProcessStripeEvent,
      { orgId, stripeEventId: event.id },
    );
  }
}

function verify(connection: StripeConnection, rawBody: Buffer, signature: string | undefined): Stripe.Event {
  let event: Stripe.Event;
  try {
    event = connection.stripe.webhooks.constructEvent(
      rawBody,
      signature ?? '',
      connection.webhookSecret,
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch (error) {
    throw invalidSignature((error as Error).message);
  }
  if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number')
    throw invalidSignature('the signed body is not a Stripe event (id, type, created).');
  return event;
}

const invalidSignature = (reason: string): PaymentsError =>
  new PaymentsError(400, PaymentsErrorCode.StripeSignatureInvalid, `Stripe-Signature rejected: ${reason}`);

function objectIdOf(event: Stripe.Event): string | null {
  const id = (event.data?.object as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
}
