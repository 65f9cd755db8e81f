import { unexpectedState, invalidRequest } from '../http/errors';
import { Params } from '../http/form-params';
import { Router } from '../http/router';
import { mergeMetadata, optionalBoolean, optionalString, stringList } from '../http/params';
import { newClientSecret, newId } from '../state/ids';
import { SetupIntent } from '../state/objects';
import { ResourceContext } from './context';
import { threeDSecureAction } from './payment-attempts';
import {
  attachPaymentMethod,
  behaviourOf,
  checkCardForSaving,
  resolvePaymentMethod,
} from './payment-methods';

function applyChanges(ctx: ResourceContext, intent: SetupIntent, params: Params): void {
  intent.metadata = mergeMetadata(intent.metadata, params);
  const customer = optionalString(params, 'customer');
  if (customer) intent.customer = ctx.account.customers.require(customer, 'customer').id;
  const method = optionalString(params, 'payment_method');
  if (method) {
    intent.payment_method = resolvePaymentMethod(ctx, method).id;
    if (intent.status === 'requires_payment_method') intent.status = 'requires_confirmation';
  }
}

/** Saves the payment method: attached to the customer and marked as set up for off-session use. */
export function succeedSetup(ctx: ResourceContext, intent: SetupIntent): void {
  const method = ctx.account.paymentMethods.require(intent.payment_method ?? '', 'payment_method');
  ctx.account.setUpPaymentMethods.add(method.id);
  Object.assign(intent, { status: 'succeeded', next_action: null, last_setup_error: null });
  if (intent.customer) attachPaymentMethod(ctx, method, intent.customer);
  ctx.emit('setup_intent.succeeded', intent);
}

function confirmSetup(ctx: ResourceContext, intent: SetupIntent): SetupIntent {
  if (!intent.payment_method)
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method.",
      'setup_intent_unexpected_state',
      'payment_method',
    );
  const method = ctx.account.paymentMethods.require(intent.payment_method, 'payment_method');
  const declined = checkCardForSaving(ctx, method);
  if (declined) {
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      last_setup_error: declined.body,
    });
    ctx.emit('setup_intent.setup_failed', intent);
    declined.body.setup_intent = structuredClone(intent);
    throw declined;
  }
  if (behaviourOf(ctx, method).outcome.kind === 'authenticate') {
    Object.assign(intent, {
      status: 'requires_action',
      next_action: threeDSecureAction(intent.id),
    });
    ctx.emit('setup_intent.requires_action', intent);
    return intent;
  }
  succeedSetup(ctx, intent);
  return intent;
}

export function registerSetupIntentRoutes(router: Router<ResourceContext>): void {
  router
    .add('POST', '/v1/setup_intents', (ctx, params) => {
      const id = newId('seti');
      const types = stringList(params, 'payment_method_types');
      const intent: SetupIntent = {
        id,
        object: 'setup_intent',
        client_secret: newClientSecret(id),
        created: ctx.now(),
        customer: null,
        description: optionalString(params, 'description') ?? null,
        last_setup_error: null,
        metadata: {},
        next_action: null,
        payment_method: null,
        payment_method_types: types.length ? types : ['card'],
        status: 'requires_payment_method',
        usage: optionalString(params, 'usage') ?? 'off_session',
        cancellation_reason: null,
        livemode: false,
      };
      applyChanges(ctx, intent, params);
      ctx.account.setupIntents.add(intent);
      ctx.emit('setup_intent.created', intent);
      return optionalBoolean(params, 'confirm') ? confirmSetup(ctx, intent) : intent;
    })
    .add('GET', '/v1/setup_intents/:id', (ctx, _params, path) => ctx.account.setupIntents.require(path.id))
    .add('POST', '/v1/setup_intents/:id/confirm', (ctx, params, path) => {
      const intent = ctx.account.setupIntents.require(path.id);
      if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status))
        throw unexpectedState(
          `You cannot confirm this SetupIntent because it has a status of ${intent.status}.`,
          'setup_intent_unexpected_state',
        );
      applyChanges(ctx, intent, params);
      return confirmSetup(ctx, intent);
    })
    .add('POST', '/v1/setup_intents/:id/cancel', (ctx, params, path) => {
      const intent = ctx.account.setupIntents.require(path.id);
      if (intent.status === 'succeeded' || intent.status === 'canceled')
        throw unexpectedState(
          `You cannot cancel this SetupIntent because it has a status of ${intent.status}.`,
          'setup_intent_unexpected_state',
        );
      Object.assign(intent, {
        status: 'canceled',
        cancellation_reason: optionalString(params, 'cancellation_reason') ?? null,
      });
      ctx.emit('setup_intent.canceled', intent);
      return intent;
    });
}
