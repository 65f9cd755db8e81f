import { Injectable, OnModuleInit } from '@nestjs/common';
import Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { JobName, JobQueue, TransactionContext } from '@app/core';
import { LedgerService } from '@app/ledger';
import { DunningService } from '../dunning/dunning.service';
import { Payment } from '../entities/payment.entity';
import { paymentFeeJournal } from '../payment-journals';
import { PaymentStatus } from '../payments.types';
import { PaymentSettlementService, memoOf } from '../services/payment-settlement.service';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { StripeEventRouter } from '../stripe/stripe-event-router';
import { AttemptStatus, PaymentAttempt } from './payment-attempt.entity';
import { fromStripeAmount } from './stripe-amounts';

/** What a charge needs expanded to know its fee. */
export const INTENT_EXPAND = ['latest_charge.balance_transaction'];

/** A payment still waiting for its outcome; any other status is final for collection. */
const UNSETTLED: readonly PaymentStatus[] = ['pending', 'processing'];

export interface CollectionFailure {
  code: string;
  declineCode: string | null;
  message: string;
}

const idOf = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/**
 * Applies what Stripe says about a charge's PaymentIntent to its payment and attempt: the one path used by
 * the charge itself, the inbound `payment_intent.*` events and stuck-payment recovery, so whichever comes
 * first settles the payment and the others find it settled (the payment row's lock and status decide).
 */
@Injectable()
export class PaymentIntentOutcomes implements OnModuleInit {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly accounts: StripeAccountsService,
    private readonly router: StripeEventRouter,
    private readonly settlement: PaymentSettlementService,
    private readonly ledger: LedgerService,
    private readonly dunning: DunningService,
  ) {}

  onModuleInit(): void {
    this.router.on(
      [
        'payment_intent.succeeded',
        'payment_intent.payment_failed',
        'payment_intent.processing',
        'payment_intent.requires_action',
        'payment_intent.canceled',
      ],
      async (orgId, event) => {
        const snapshot = event.data.object as Stripe.PaymentIntent;
        // Metadata is set at creation and never changes: a PaymentIntent that is not a charge of ours is skipped.
        if (snapshot.metadata?.payment_id) await this.refresh(orgId, snapshot.id);
      },
    );
  }

  /** Re-reads the PaymentIntent (an event's snapshot may be older than what was already applied) and applies it. */
  async refresh(orgId: string, intentId: string): Promise<void> {
    const { stripe } = await this.accounts.get(orgId);
    await this.apply(orgId, await stripe.paymentIntents.retrieve(intentId, { expand: INTENT_EXPAND }));
  }

  /**
   * Applies the PaymentIntent's state to the payment named in its metadata (a PaymentIntent that is not a
   * charge of ours is ignored). A payment already succeeded, failed or canceled is left as it is.
   */
  async apply(orgId: string, intent: Stripe.PaymentIntent): Promise<void> {
    const paymentId = intent.metadata?.payment_id;
    if (!paymentId || intent.metadata.org_id !== orgId) return;
    if (intent.status === 'succeeded' && typeof intent.latest_charge === 'string') {
      const { stripe } = await this.accounts.get(orgId);
      intent = await stripe.paymentIntents.retrieve(intent.id, { expand: INTENT_EXPAND });
    }
    await this.settle(orgId, paymentId, async (manager, payment, attempt) => {
      payment.providerPaymentId = intent.id;
      payment.providerStatus = intent.status;
      switch (intent.status) {
        case 'succeeded':
          return this.succeed(manager, payment, attempt, intent);
        case 'processing':
          payment.status = 'processing';
          return this.mark(manager, attempt, 'processing');
        case 'requires_action':
        case 'requires_confirmation':
          return this.mark(manager, attempt, 'requires_action');
        case 'canceled':
          payment.status = 'canceled';
          return this.mark(manager, attempt, 'canceled');
        case 'requires_payment_method': {
          const error = intent.last_payment_error;
          if (!error) return;
          payment.providerChargeId = idOf(intent.latest_charge);
          return this.fail(manager, payment, attempt, {
            code: error.code ?? 'payment_failed',
            declineCode: error.decline_code ?? null,
            message: error.message ?? 'The payment failed.',
          });
        }
      }
    });
  }

  /** The charge could not even be created (Stripe refused the request): the attempt fails as a decline does. */
  failWithoutIntent(orgId: string, paymentId: string, failure: CollectionFailure): Promise<void> {
    return this.settle(orgId, paymentId, (manager, payment, attempt) =>
      this.fail(manager, payment, attempt, failure),
    );
  }

  /** No PaymentIntent was ever created for the attempt (found out after Stripe's keys expired). */
  cancelWithoutIntent(orgId: string, paymentId: string): Promise<void> {
    return this.settle(orgId, paymentId, async (manager, payment, attempt) => {
      payment.status = 'canceled';
      await this.mark(manager, attempt, 'canceled');
    });
  }

  /** Runs `change` on the unsettled payment under its row lock, then saves it; a settled one is left alone. */
  private async settle(
    orgId: string,
    paymentId: string,
    change: (manager: EntityManager, payment: Payment, attempt: PaymentAttempt) => Promise<void>,
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      const payment = await manager.findOne(Payment, {
        where: { orgId, id: paymentId },
        lock: { mode: 'pessimistic_write' },
      });
      const attempt = await manager.findOneBy(PaymentAttempt, { orgId, paymentId });
      if (!payment || !attempt || !UNSETTLED.includes(payment.status)) return;
      await change(manager, payment, attempt);
      const { id, orgId: _org, createdAt: _c, updatedAt: _u, ...columns } = payment;
      await manager.update(Payment, { orgId, id }, columns);
    });
  }

  /**
   * Succeeded: the payment settles the invoice (the rest, if the invoice was paid otherwise meanwhile,
   * becomes credit), the fee is posted (Dr processor fees, Cr cash clearing) when Stripe reports it in the
   * payment's currency, and `payment.succeeded` is emitted.
   */
  private async succeed(
    manager: EntityManager,
    payment: Payment,
    attempt: PaymentAttempt,
    intent: Stripe.PaymentIntent,
  ): Promise<void> {
    const now = new Date();
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const balance =
      charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
    Object.assign(payment, {
      status: 'succeeded',
      providerChargeId: idOf(intent.latest_charge),
      receivedAt: charge ? new Date(charge.created * 1000) : now,
      fee:
        balance && balance.currency.toUpperCase() === payment.currency
          ? fromStripeAmount(balance.fee, payment.currency)
          : null,
    });
    await this.settlement.receiveForInvoice(manager, payment, attempt.invoiceId, now);
    if (payment.fee)
      await this.ledger.post(
        payment.orgId,
        paymentFeeJournal(
          { id: payment.id, currency: payment.currency, fee: payment.fee },
          now,
          memoOf(payment),
        ),
      );
    await this.mark(manager, attempt, 'succeeded');
  }

  /** Failed (a decline): `payment.failed` is emitted and dunning decides what comes next. */
  private async fail(
    manager: EntityManager,
    payment: Payment,
    attempt: PaymentAttempt,
    failure: CollectionFailure,
  ): Promise<void> {
    Object.assign(payment, { status: 'failed', failureCode: failure.code, failureMessage: failure.message });
    await this.mark(manager, attempt, 'failed', failure);
    await this.jobs.enqueue(JobName.PaymentFailed, {
      orgId: payment.orgId,
      paymentId: payment.id,
      customerId: payment.customerId,
      amount: payment.amount,
      currency: payment.currency,
      invoiceIds: [attempt.invoiceId],
      provider: 'stripe',
    });
    await this.dunning.onCollectionFailed(payment.orgId, {
      invoiceId: attempt.invoiceId,
      customerId: payment.customerId,
      paymentId: payment.id,
      failureCode: failure.code,
      declineCode: failure.declineCode,
    });
  }

  private async mark(
    manager: EntityManager,
    attempt: PaymentAttempt,
    status: AttemptStatus,
    failure?: CollectionFailure,
  ): Promise<void> {
    const final = ['succeeded', 'failed', 'canceled'].includes(status);
    await manager.update(
      PaymentAttempt,
      { orgId: attempt.orgId, id: attempt.id },
      {
        status,
        failureCode: failure?.code ?? null,
        declineCode: failure?.declineCode ?? null,
        completedAt: final ? new Date() : null,
      },
    );
  }
}
