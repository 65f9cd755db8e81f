import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { In, LessThan } from 'typeorm';
import { TransactionContext } from '@app/core';
import { Payment } from '../entities/payment.entity';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { IDEMPOTENCY_KEY_TTL_MS, STUCK_AFTER_MS, recoverEach } from '../stripe/stripe-recovery';
import { CollectionService } from './collection.service';
import { IN_FLIGHT_ATTEMPT_STATUSES, PaymentAttempt } from './payment-attempt.entity';
import { INTENT_EXPAND, PaymentIntentOutcomes } from './payment-intent-outcomes';

/** How long a charge may wait for the customer's 3-D Secure before it is canceled (and the invoice chargeable again). */
export const AUTHENTICATION_WINDOW_MS = 24 * 3_600_000;
const BATCH = 100;

/**
 * Repairs attempts whose outcome never reached us (docs/payments-collection.md): the answer of the create
 * was lost (a crash, a timeout), or a processing / 3-D Secure payment's webhook never came. Stripe is asked
 * again, never charged again.
 */
@Injectable()
export class StuckPaymentsRecoverer {
  private readonly logger = new Logger(StuckPaymentsRecoverer.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly collection: CollectionService,
    private readonly outcomes: PaymentIntentOutcomes,
  ) {}

  /** Recovers every attempt in flight and unchanged for STUCK_AFTER_MS before `now`; returns how many. */
  async run(now = new Date()): Promise<number> {
    const stuck = await this.tx.manager.find(PaymentAttempt, {
      where: {
        status: In([...IN_FLIGHT_ATTEMPT_STATUSES]),
        updatedAt: LessThan(new Date(now.getTime() - STUCK_AFTER_MS)),
      },
      order: { updatedAt: 'ASC' },
      take: BATCH,
    });
    return recoverEach(stuck, (attempt) => this.recover(attempt, now), this.logger, 'Attempt');
  }

  /**
   * With a PaymentIntent id: re-read it (canceling one abandoned in 3-D Secure). Without one (the create's answer was lost): within the key's
   * lifetime, send the same create again (Stripe answers with what it did the first time); after it, look
   * for the PaymentIntent among the customer's by its metadata, and cancel the attempt when there is none.
   */
  private async recover(attempt: PaymentAttempt, now: Date): Promise<void> {
    const connection = await this.accounts.find(attempt.orgId);
    if (!connection) return;
    const { stripe } = connection;
    const payment = await this.tx.manager.findOneByOrFail(Payment, {
      orgId: attempt.orgId,
      id: attempt.paymentId,
    });
    if (payment.providerPaymentId) return this.reread(stripe, attempt, payment.providerPaymentId, now);
    if (now.getTime() - attempt.createdAt.getTime() < IDEMPOTENCY_KEY_TTL_MS)
      return this.collection.drive(attempt.orgId, stripe, attempt);
    const intent = await this.findIntent(stripe, attempt);
    if (intent) return this.outcomes.refresh(attempt.orgId, intent.id);
    await this.outcomes.cancelWithoutIntent(attempt.orgId, payment.id);
  }

  /** Re-reads the PaymentIntent; one still waiting for 3-D Secure past the window is canceled. */
  private async reread(stripe: Stripe, attempt: PaymentAttempt, intentId: string, now: Date): Promise<void> {
    const intent = await stripe.paymentIntents.retrieve(intentId, { expand: INTENT_EXPAND });
    const abandoned =
      intent.status === 'requires_action' &&
      now.getTime() - attempt.createdAt.getTime() > AUTHENTICATION_WINDOW_MS;
    await this.outcomes.apply(
      attempt.orgId,
      abandoned ? await stripe.paymentIntents.cancel(intentId) : intent,
    );
  }

  private async findIntent(stripe: Stripe, attempt: PaymentAttempt): Promise<Stripe.PaymentIntent | null> {
    const since = Math.floor(attempt.createdAt.getTime() / 1000) - 3600;
    for await (const intent of stripe.paymentIntents.list({
      customer: attempt.stripeCustomerId,
      created: { gte: since },
      limit: 100,
    }))
      if (
        intent.metadata.invoice_id === attempt.invoiceId &&
        intent.metadata.attempt === String(attempt.attemptNumber)
      )
        return intent;
    return null;
  }
}
