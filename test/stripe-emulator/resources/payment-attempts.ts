import { StripeApiError, StripeErrorBody, unexpectedState } from '../http/errors';
import { Charge, NextAction, PaymentIntent, PaymentMethod } from '../state/objects';
import { recordBalanceTransaction, processingFee } from './balance-transactions';
import { ChargeFailure, createCharge, settleCharge } from './charges';
import { ResourceContext } from './context';
import { scheduleDispute } from './disputes';
import { attachPaymentMethod, behaviourOf } from './payment-methods';

const AUTHENTICATION_REQUIRED: ChargeFailure = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

const BANK_DEBIT_FAILED: ChargeFailure = {
  code: 'insufficient_funds',
  declineCode: 'insufficient_funds',
  message: "The customer's account has insufficient funds to cover this payment.",
};

/**
 * Confirms a PaymentIntent with its payment method as Stripe's test cards behave. Returns normally for
 * success, `requires_action` and `processing`; a decline leaves the intent in `requires_payment_method`
 * and throws the 402 `card_error` (stored under the idempotency key, as Stripe does).
 */
export function attemptPayment(ctx: ResourceContext, intent: PaymentIntent, offSession: boolean): void {
  const method = ctx.account.paymentMethods.require(intent.payment_method ?? '', 'payment_method');
  const { outcome } = behaviourOf(ctx, method);
  switch (outcome.kind) {
    case 'succeed':
      return succeedPayment(ctx, intent, method);
    case 'decline':
      throw failPayment(ctx, intent, method, { ...outcome });
    case 'processing':
      return startProcessing(ctx, intent, method);
    case 'authenticate': {
      if (outcome.onlyUntilSetUp && ctx.account.setUpPaymentMethods.has(method.id))
        return succeedPayment(ctx, intent, method);
      if (offSession) throw failPayment(ctx, intent, method, AUTHENTICATION_REQUIRED);
      return requireAction(ctx, intent);
    }
  }
}

export function succeedPayment(
  ctx: ResourceContext,
  intent: PaymentIntent,
  method: PaymentMethod,
  pending?: Charge,
): void {
  const charge = pending
    ? settleCharge(pending, 'succeeded')
    : createCharge(ctx, intent, method, 'succeeded');
  const fee = processingFee(charge.amount, ctx.settings);
  charge.balance_transaction = recordBalanceTransaction(ctx, {
    amount: charge.amount,
    currency: charge.currency,
    fee,
    type: 'charge',
    reporting_category: 'charge',
    source: charge.id,
    description: intent.description,
  }).id;
  Object.assign(intent, {
    status: 'succeeded',
    amount_received: intent.amount,
    latest_charge: charge.id,
    last_payment_error: null,
    next_action: null,
  });
  if (intent.setup_future_usage && intent.customer) attachPaymentMethod(ctx, method, intent.customer);
  ctx.emit('charge.succeeded', charge);
  ctx.emit('payment_intent.succeeded', intent);
  const { outcome } = behaviourOf(ctx, method);
  if (outcome.kind === 'succeed' && outcome.dispute) scheduleDispute(ctx, charge.id, outcome.dispute);
}

export function failPayment(
  ctx: ResourceContext,
  intent: PaymentIntent,
  method: PaymentMethod,
  failure: ChargeFailure,
  pending?: Charge,
): StripeApiError {
  const charge = pending
    ? settleCharge(pending, 'failed', failure)
    : createCharge(ctx, intent, method, 'failed', failure);
  const error: StripeErrorBody = {
    type: 'card_error',
    code: failure.code,
    decline_code: failure.declineCode,
    message: failure.message,
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replace(/_/g, '-')}`,
    charge: charge.id,
    payment_method: structuredClone(method),
  };
  Object.assign(intent, {
    status: 'requires_payment_method',
    last_payment_error: error,
    latest_charge: charge.id,
    payment_method: null,
    next_action: null,
  });
  ctx.emit('charge.failed', charge);
  ctx.emit('payment_intent.payment_failed', intent);
  return new StripeApiError(402, { ...error, payment_intent: structuredClone(intent) }, true);
}

function startProcessing(ctx: ResourceContext, intent: PaymentIntent, method: PaymentMethod): void {
  const charge = createCharge(ctx, intent, method, 'pending');
  Object.assign(intent, { status: 'processing', latest_charge: charge.id, last_payment_error: null });
  ctx.emit('charge.pending', charge);
  ctx.emit('payment_intent.processing', intent);
}

/** The `next_action` of an intent waiting for 3-D Secure (payment and setup intents alike). */
export function threeDSecureAction(intentId: string): NextAction {
  return {
    type: 'use_stripe_sdk',
    use_stripe_sdk: {
      type: 'three_d_secure_redirect',
      stripe_js: `https://hooks.stripe.com/3d_secure_2/${intentId}`,
    },
  };
}

function requireAction(ctx: ResourceContext, intent: PaymentIntent): void {
  Object.assign(intent, {
    status: 'requires_action',
    next_action: threeDSecureAction(intent.id),
  });
  ctx.emit('payment_intent.requires_action', intent);
}

/** A bank debit in `processing` clears or bounces (control API; Stripe does this days later). */
export function settleProcessing(
  ctx: ResourceContext,
  intent: PaymentIntent,
  outcome?: 'succeeded' | 'failed',
): void {
  if (intent.status !== 'processing')
    throw unexpectedState(`PaymentIntent ${intent.id} is ${intent.status}, not processing.`);
  const pending = ctx.account.charges.require(intent.latest_charge ?? '');
  const method = ctx.account.paymentMethods.require(pending.payment_method);
  const behaviour = behaviourOf(ctx, method).outcome;
  const result = outcome ?? (behaviour.kind === 'processing' ? behaviour.settlesAs : 'succeeded');
  if (result === 'succeeded') return succeedPayment(ctx, intent, method, pending);
  failPayment(ctx, intent, method, BANK_DEBIT_FAILED, pending);
}

/** The customer completes (or fails) 3-D Secure for an intent in `requires_action`. */
export function completeAuthentication(ctx: ResourceContext, intent: PaymentIntent, success: boolean): void {
  if (intent.status !== 'requires_action')
    throw unexpectedState(`PaymentIntent ${intent.id} is ${intent.status}, not requires_action.`);
  const method = ctx.account.paymentMethods.require(intent.payment_method ?? '');
  if (success) return succeedPayment(ctx, intent, method);
  Object.assign(intent, {
    status: 'requires_payment_method',
    next_action: null,
    payment_method: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: structuredClone(method),
    },
  });
  ctx.emit('payment_intent.payment_failed', intent);
}
