import { invalidRequest, unexpectedState } from '../http/errors';
import { Params } from '../http/form-params';
import { Router } from '../http/router';
import {
  mergeMetadata,
  optionalBoolean,
  optionalInteger,
  optionalNullableString,
  optionalString,
  requiredInteger,
  requiredString,
  stringList,
} from '../http/params';
import { newClientSecret, newId } from '../state/ids';
import { paginate } from '../state/list';
import { PaymentIntent, PaymentIntentStatus } from '../state/objects';
import { ResourceContext } from './context';
import { attemptPayment } from './payment-attempts';
import { resolvePaymentMethod } from './payment-methods';

/** Stripe's minimum charge amounts in minor units (zero-decimal currencies like JPY count whole units). */
const MINIMUM_AMOUNT: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  jpy: 50,
  chf: 50,
  cad: 50,
  aud: 50,
};
const CONFIRMABLE = new Set<PaymentIntentStatus>([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
]);
const CANCELABLE = new Set<PaymentIntentStatus>([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
]);
const FROZEN = new Set<PaymentIntentStatus>(['processing', 'succeeded', 'canceled']);

function validAmount(params: Params, currency: string): number {
  const amount = requiredInteger(params, 'amount');
  const minimum = MINIMUM_AMOUNT[currency] ?? 50;
  if (amount < minimum)
    throw invalidRequest(`Amount must be at least ${minimum} ${currency}`, 'amount_too_small', 'amount');
  return amount;
}

function validCurrency(value: string): string {
  const currency = value.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidRequest(`Invalid currency: ${value}`, undefined, 'currency');
  return currency;
}

/** `off_session` is `true`, `one_off` or `recurring` when set. */
function offSessionParam(params: Params): boolean {
  const value = optionalString(params, 'off_session');
  return value !== undefined && value !== 'false';
}

function applyChanges(ctx: ResourceContext, intent: PaymentIntent, params: Params): void {
  intent.metadata = mergeMetadata(intent.metadata, params);
  const description = optionalNullableString(params, 'description');
  if (description !== undefined) intent.description = description;
  const receiptEmail = optionalNullableString(params, 'receipt_email');
  if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
  const customer = optionalString(params, 'customer');
  if (customer) intent.customer = ctx.account.customers.require(customer, 'customer').id;
  const setupFutureUsage = optionalNullableString(params, 'setup_future_usage');
  if (setupFutureUsage !== undefined) intent.setup_future_usage = setupFutureUsage;
  const method = optionalString(params, 'payment_method');
  if (method) {
    const resolved = resolvePaymentMethod(ctx, method);
    if (resolved.customer && intent.customer && resolved.customer !== intent.customer)
      throw invalidRequest(
        `The provided PaymentMethod belongs to a different Customer than the one on this PaymentIntent.`,
        undefined,
        'payment_method',
      );
    if (resolved.customer && !intent.customer) intent.customer = resolved.customer;
    intent.payment_method = resolved.id;
    if (intent.status === 'requires_payment_method') intent.status = 'requires_confirmation';
  }
}

function assertConfirmable(intent: PaymentIntent): void {
  if (!CONFIRMABLE.has(intent.status))
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
    );
}

function confirm(ctx: ResourceContext, intent: PaymentIntent, params: Params): PaymentIntent {
  if (!intent.payment_method)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      'payment_intent_unexpected_state',
      'payment_method',
    );
  attemptPayment(ctx, intent, offSessionParam(params));
  return intent;
}

export function registerPaymentIntentRoutes(router: Router<ResourceContext>): void {
  router
    .add('POST', '/v1/payment_intents', (ctx, params) => {
      const currency = validCurrency(requiredString(params, 'currency'));
      const amount = validAmount(params, currency);
      const shouldConfirm = optionalBoolean(params, 'confirm') ?? false;
      if (offSessionParam(params) && !shouldConfirm)
        throw invalidRequest('off_session can only be used when confirm=true.', undefined, 'off_session');
      const id = newId('pi');
      const intent: PaymentIntent = {
        id,
        object: 'payment_intent',
        amount,
        amount_capturable: 0,
        amount_received: 0,
        canceled_at: null,
        cancellation_reason: null,
        capture_method: 'automatic',
        client_secret: newClientSecret(id),
        confirmation_method: 'automatic',
        created: ctx.now(),
        currency,
        customer: null,
        description: null,
        last_payment_error: null,
        latest_charge: null,
        metadata: {},
        next_action: null,
        payment_method: null,
        payment_method_types: stringList(params, 'payment_method_types').length
          ? stringList(params, 'payment_method_types')
          : ['card'],
        receipt_email: null,
        setup_future_usage: null,
        status: 'requires_payment_method',
        livemode: false,
      };
      applyChanges(ctx, intent, params);
      ctx.account.paymentIntents.add(intent);
      ctx.emit('payment_intent.created', intent);
      return shouldConfirm ? confirm(ctx, intent, params) : intent;
    })
    .add('GET', '/v1/payment_intents', (ctx, params) => {
      const customer = optionalString(params, 'customer');
      const items = ctx.account.paymentIntents.all().filter((pi) => !customer || pi.customer === customer);
      return paginate(items, params, '/v1/payment_intents');
    })
    .add('GET', '/v1/payment_intents/:id', (ctx, _params, path) =>
      ctx.account.paymentIntents.require(path.id),
    )
    .add('POST', '/v1/payment_intents/:id', (ctx, params, path) => {
      const intent = ctx.account.paymentIntents.require(path.id);
      const amount = optionalInteger(params, 'amount');
      const changesMoney =
        amount !== undefined || params.currency !== undefined || params.payment_method !== undefined;
      if (changesMoney && FROZEN.has(intent.status))
        throw unexpectedState(
          `This PaymentIntent's amount could not be updated because it has a status of ${intent.status}.`,
        );
      if (params.currency !== undefined) intent.currency = validCurrency(requiredString(params, 'currency'));
      if (amount !== undefined) intent.amount = validAmount(params, intent.currency);
      applyChanges(ctx, intent, params);
      return intent;
    })
    .add('POST', '/v1/payment_intents/:id/confirm', (ctx, params, path) => {
      const intent = ctx.account.paymentIntents.require(path.id);
      assertConfirmable(intent);
      applyChanges(ctx, intent, params);
      return confirm(ctx, intent, params);
    })
    .add('POST', '/v1/payment_intents/:id/cancel', (ctx, params, path) => {
      const intent = ctx.account.paymentIntents.require(path.id);
      if (!CANCELABLE.has(intent.status))
        throw unexpectedState(
          `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent ` +
            `with one of the following statuses may be canceled: ${[...CANCELABLE].join(', ')}.`,
        );
      Object.assign(intent, {
        status: 'canceled',
        canceled_at: ctx.now(),
        cancellation_reason: optionalString(params, 'cancellation_reason') ?? null,
        next_action: null,
      });
      ctx.emit('payment_intent.canceled', intent);
      return intent;
    });
}
