import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { In } from 'typeorm';
import { CollectionTrigger, TransactionContext, newId } from '@app/core';
import { InvoiceInstallmentsService, InvoicesService } from '@app/invoicing';
import { Payment } from '../entities/payment.entity';
import { PaymentMethodsService } from '../methods/payment-methods.service';
import { PaymentsError, PaymentsErrorCode, paymentConflict } from '../payments.errors';
import { PaymentReadsService } from '../services/payment-reads.service';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { PaymentAttemptResponse } from './collection.dto';
import { IN_FLIGHT_ATTEMPT_STATUSES, PaymentAttempt } from './payment-attempt.entity';
import { INTENT_EXPAND, PaymentIntentOutcomes } from './payment-intent-outcomes';
import { toStripeAmount } from './stripe-amounts';

export interface CollectOptions {
  trigger: CollectionTrigger;
  installmentId?: string;
}

/** Stripe's answer did not arrive (network, timeout, 429 or 5xx after the SDK's own retries). */
const isTransient = (error: unknown): boolean =>
  error instanceof Stripe.errors.StripeConnectionError ||
  error instanceof Stripe.errors.StripeRateLimitError ||
  error instanceof Stripe.errors.StripeAPIError ||
  (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500);

/**
 * Charges invoices at Stripe (docs/payments-collection.md), so that no trigger, retry or race can charge an
 * invoice twice: under a per-invoice lock, one attempt at a time is recorded with its payment (TX1); the
 * PaymentIntent is created outside any transaction with the attempt's idempotency key; its outcome is
 * applied by PaymentIntentOutcomes (TX2), as the webhook and recovery apply theirs.
 */
@Injectable()
export class CollectionService {
  private readonly logger = new Logger(CollectionService.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly methods: PaymentMethodsService,
    private readonly invoices: InvoicesService,
    private readonly installments: InvoiceInstallmentsService,
    private readonly outcomes: PaymentIntentOutcomes,
    private readonly reads: PaymentReadsService,
  ) {}

  /**
   * Pay now (interactive): like `collect`, but a closed invoice, nothing to collect or no default method is
   * a 409, and an unreachable Stripe a 502 (the attempt stays pending for recovery). Answers with the
   * attempt, the one in flight when there is one.
   */
  async payNow(orgId: string, invoiceId: string): Promise<PaymentAttemptResponse> {
    const attempt = (await this.collect(orgId, invoiceId, { trigger: 'pay_now' }))!;
    return this.view(orgId, attempt.id);
  }

  /**
   * Charges what is collectable on the invoice now with the customer's default method. An attempt already
   * in flight is returned instead of charging again; an automatic trigger also drives it on when its outcome
   * is still unknown (a job retry after a lost answer), with the same idempotency key. Automatic triggers
   * log and return null when there is nothing to charge, and throw transient Stripe errors so that the job
   * is retried with backoff.
   */
  async collect(orgId: string, invoiceId: string, options: CollectOptions): Promise<PaymentAttempt | null> {
    const interactive = options.trigger === 'pay_now';
    await this.invoices.get(orgId, invoiceId);
    const connection = interactive ? await this.accounts.get(orgId) : await this.accounts.find(orgId);
    if (!connection) {
      this.logger.warn(`Invoice ${invoiceId} of org ${orgId} not charged: Stripe is not connected`);
      return null;
    }
    const begun = await this.begin(orgId, invoiceId, options);
    if (!begun) return null;
    const { attempt, fresh } = begun;
    if (fresh || (!interactive && attempt.status === 'pending')) {
      try {
        await this.drive(orgId, connection.stripe, attempt);
      } catch (error) {
        if (!interactive || !isTransient(error)) throw error;
        throw new PaymentsError(
          502,
          PaymentsErrorCode.StripeUnavailable,
          `Stripe did not answer (${(error as Error).message}); attempt ${attempt.attemptNumber} stays pending and is completed by recovery.`,
        );
      }
    }
    return attempt;
  }

  /**
   * Creates the attempt's PaymentIntent, or gets Stripe's stored answer when the same key was sent before,
   * and applies the outcome. A decline comes back as a card error carrying the failed PaymentIntent; a
   * request Stripe refuses fails the attempt; transient errors are thrown with the attempt left pending.
   */
  async drive(orgId: string, stripe: Stripe, attempt: PaymentAttempt): Promise<void> {
    const payment = await this.tx.manager.findOneByOrFail(Payment, { orgId, id: attempt.paymentId });
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: toStripeAmount(payment.amount, payment.currency),
          currency: payment.currency.toLowerCase(),
          customer: attempt.stripeCustomerId,
          payment_method: attempt.providerPaymentMethodId,
          confirm: true,
          off_session: attempt.trigger !== 'pay_now',
          metadata: {
            org_id: orgId,
            invoice_id: attempt.invoiceId,
            attempt: String(attempt.attemptNumber),
            payment_id: payment.id,
          },
          expand: INTENT_EXPAND,
        },
        { idempotencyKey: attempt.idempotencyKey },
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError && error.payment_intent) {
        intent = error.payment_intent;
      } else if (
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        !(error instanceof Stripe.errors.StripeIdempotencyError)
      ) {
        return this.outcomes.failWithoutIntent(orgId, payment.id, {
          code: error.code ?? 'invalid_request',
          declineCode: null,
          message: error.message,
        });
      } else throw error;
    }
    await this.outcomes.apply(orgId, intent);
  }

  /**
   * Cancels the in-flight PaymentIntent waiting for the customer (3-D Secure) of an invoice that closed
   * without it (voided, written off, paid otherwise).
   */
  async cancelWaiting(orgId: string, invoiceId: string): Promise<void> {
    const attempt = await this.tx.manager.findOneBy(PaymentAttempt, {
      orgId,
      invoiceId,
      status: 'requires_action',
    });
    const connection = attempt && (await this.accounts.find(orgId));
    if (!attempt || !connection) return;
    const payment = await this.tx.manager.findOneByOrFail(Payment, { orgId, id: attempt.paymentId });
    if (!payment.providerPaymentId) return;
    const intent = await connection.stripe.paymentIntents.cancel(payment.providerPaymentId);
    await this.outcomes.apply(orgId, intent);
  }

  /** TX1, under the per-invoice lock: the attempt in flight, or a new one with its pending payment. */
  private begin(
    orgId: string,
    invoiceId: string,
    options: CollectOptions,
  ): Promise<{ attempt: PaymentAttempt; fresh: boolean } | null> {
    const interactive = options.trigger === 'pay_now';
    const refuse = (code: PaymentsErrorCode, detail: string): null => {
      if (interactive) throw paymentConflict(code, detail);
      this.logger.log(`Invoice ${invoiceId} of org ${orgId} not charged (${options.trigger}): ${detail}`);
      return null;
    };
    return this.tx.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`collect-${invoiceId}`]);
      const invoice = await this.invoices.get(orgId, invoiceId);
      const inFlight = await manager.findOne(PaymentAttempt, {
        where: { orgId, invoiceId, status: In([...IN_FLIGHT_ATTEMPT_STATUSES]) },
        order: { attemptNumber: 'DESC' },
      });
      if (inFlight) return { attempt: inFlight, fresh: false };
      if (invoice.status !== 'open')
        return refuse(
          PaymentsErrorCode.InvoiceNotCollectable,
          `Invoice ${invoiceId} is ${invoice.status}; only open invoices can be charged.`,
        );
      const amount = await this.installments.collectableAmount(orgId, invoiceId, options.installmentId);
      if (amount <= 0)
        return refuse(PaymentsErrorCode.InvoiceNotCollectable, `Nothing is due on invoice ${invoiceId} now.`);
      const method = await this.methods.defaultFor(orgId, invoice.customerId);
      if (!method)
        return refuse(
          PaymentsErrorCode.NoPaymentMethod,
          `Customer ${invoice.customerId} has no default payment method to charge.`,
        );
      const [{ last }]: { last: number | null }[] = await manager.query(
        'SELECT max(attempt_number) AS last FROM payment_attempts WHERE invoice_id = $1',
        [invoiceId],
      );
      const attemptNumber = (last ?? 0) + 1;
      const payment = manager.create(Payment, {
        id: newId(),
        orgId,
        customerId: invoice.customerId,
        provider: 'stripe',
        method: method.type === 'card' ? 'card' : 'bank_transfer',
        amount,
        currency: invoice.currency,
        status: 'pending',
        metadata: {},
      });
      await manager.insert(Payment, payment);
      const attempt = manager.create(PaymentAttempt, {
        id: newId(),
        orgId,
        invoiceId,
        installmentId: options.installmentId ?? null,
        attemptNumber,
        idempotencyKey: `invoice-${invoiceId}-attempt-${attemptNumber}`,
        paymentId: payment.id,
        trigger: options.trigger,
        status: 'pending',
        stripeCustomerId: method.stripeCustomerId,
        providerPaymentMethodId: method.providerPaymentMethodId,
        failureCode: null,
        declineCode: null,
        completedAt: null,
      });
      await manager.insert(PaymentAttempt, attempt);
      return { attempt, fresh: true };
    });
  }

  private async view(orgId: string, attemptId: string): Promise<PaymentAttemptResponse> {
    const attempt = await this.tx.manager.findOneByOrFail(PaymentAttempt, { orgId, id: attemptId });
    const payment = await this.reads.get(orgId, attempt.paymentId);
    const waiting = attempt.status === 'requires_action' && payment.providerPaymentId;
    const { stripe } = await this.accounts.get(orgId);
    const clientSecret = waiting
      ? (await stripe.paymentIntents.retrieve(payment.providerPaymentId!)).client_secret
      : null;
    return {
      id: attempt.id,
      invoiceId: attempt.invoiceId,
      installmentId: attempt.installmentId,
      attemptNumber: attempt.attemptNumber,
      trigger: attempt.trigger,
      status: attempt.status,
      failureCode: attempt.failureCode,
      declineCode: attempt.declineCode,
      payment,
      clientSecret,
      createdAt: attempt.createdAt,
      completedAt: attempt.completedAt,
    };
  }
}
