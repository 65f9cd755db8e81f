import { StripeApiError, invalidRequest, resourceMissing } from '../http/errors';
import { Router } from '../http/router';
import { mergeMetadata, optionalString, requiredString } from '../http/params';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { PaymentMethod } from '../state/objects';
import { ResourceContext } from './context';
import { TestCard, testCard } from './test-cards';

/** A test token (`pm_card_visa`) becomes a new PaymentMethod; any other id must exist in this account. */
export function resolvePaymentMethod(
  ctx: ResourceContext,
  idOrToken: string,
  param = 'payment_method',
): PaymentMethod {
  const card = testCard(idOrToken);
  if (!card) return ctx.account.paymentMethods.require(idOrToken, param);
  const method = ctx.account.paymentMethods.add(paymentMethodFrom(card, ctx.now()));
  ctx.account.cardBehaviour.set(method.id, card);
  return method;
}

function paymentMethodFrom(card: TestCard, created: number): PaymentMethod {
  const id = newId('pm');
  return {
    id,
    object: 'payment_method',
    created,
    type: card.type,
    card:
      card.type === 'card'
        ? {
            brand: card.brand,
            last4: card.last4,
            exp_month: 12,
            exp_year: new Date().getUTCFullYear() + 3,
            funding: card.funding,
            country: 'US',
            fingerprint: `fp_${card.token}`.slice(0, 16),
          }
        : null,
    us_bank_account:
      card.type === 'us_bank_account'
        ? { bank_name: card.brand, last4: card.last4, routing_number: '110000000', account_type: 'checking' }
        : null,
    billing_details: { email: null, name: null },
    customer: null,
    metadata: {},
    livemode: false,
  };
}

export function behaviourOf(ctx: ResourceContext, method: PaymentMethod): TestCard {
  const behaviour = ctx.account.cardBehaviour.get(method.id);
  if (!behaviour) throw new Error(`No test behaviour recorded for ${method.id}`);
  return behaviour;
}

/** Stripe checks a card when it is attached or set up; "decline" cards fail there already. */
export function checkCardForSaving(ctx: ResourceContext, method: PaymentMethod): StripeApiError | undefined {
  const { outcome } = behaviourOf(ctx, method);
  if (outcome.kind !== 'decline' || !outcome.onAttach) return undefined;
  return new StripeApiError(
    402,
    {
      type: 'card_error',
      code: outcome.code,
      decline_code: outcome.declineCode,
      message: outcome.message,
      param: '',
      doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
    },
    true,
  );
}

export function attachPaymentMethod(ctx: ResourceContext, method: PaymentMethod, customerId: string): void {
  if (method.customer === customerId) return;
  if (method.customer)
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      undefined,
      'customer',
    );
  method.customer = customerId;
  ctx.emit('payment_method.attached', method);
}

export function registerPaymentMethodRoutes(router: Router<ResourceContext>): void {
  router
    .add('GET', '/v1/payment_methods', (ctx, params) => {
      const customer = optionalString(params, 'customer');
      const type = optionalString(params, 'type');
      if (customer) ctx.account.customers.require(customer, 'customer');
      const items = ctx.account.paymentMethods
        .all()
        .filter((m) => (!customer || m.customer === customer) && (!type || m.type === type));
      return paginate(items, params, '/v1/payment_methods');
    })
    .add('GET', '/v1/customers/:customer/payment_methods', (ctx, params, path) => {
      ctx.account.customers.require(path.customer);
      const type = optionalString(params, 'type');
      const items = ctx.account.paymentMethods
        .all()
        .filter((m) => m.customer === path.customer && (!type || m.type === type));
      return paginate(items, params, `/v1/customers/${path.customer}/payment_methods`);
    })
    .add('GET', '/v1/payment_methods/:id', (ctx, _params, path) =>
      ctx.account.paymentMethods.require(path.id),
    )
    .add('POST', '/v1/payment_methods/:id', (ctx, params, path) => {
      const method = ctx.account.paymentMethods.require(path.id);
      method.metadata = mergeMetadata(method.metadata, params);
      ctx.emit('payment_method.updated', method);
      return method;
    })
    .add('POST', '/v1/payment_methods/:id/attach', (ctx, params, path) => {
      const customer = ctx.account.customers.require(requiredString(params, 'customer'), 'customer');
      const method = resolvePaymentMethod(ctx, path.id, 'payment_method');
      const declined = checkCardForSaving(ctx, method);
      if (declined) throw declined;
      attachPaymentMethod(ctx, method, customer.id);
      return method;
    })
    .add('POST', '/v1/payment_methods/:id/detach', (ctx, _params, path) => {
      const method = ctx.account.paymentMethods.get(path.id);
      if (!method) throw resourceMissing('PaymentMethod', path.id, 'payment_method');
      const customer = method.customer ? ctx.account.customers.get(method.customer) : undefined;
      if (!method.customer)
        throw invalidRequest(
          'The payment method you provided is not attached to a customer so detachment is impossible.',
          undefined,
          'payment_method',
        );
      method.customer = null;
      if (customer?.invoice_settings.default_payment_method === method.id)
        customer.invoice_settings.default_payment_method = null;
      ctx.emit('payment_method.detached', method, { customer: customer?.id ?? null });
      return method;
    });
}
