import { Router } from '../http/router';
import { optionalString } from '../http/params';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { Charge, PaymentIntent, PaymentMethod } from '../state/objects';
import { ResourceContext } from './context';

export interface ChargeFailure {
  code: string;
  declineCode: string;
  message: string;
}

/** The charge behind one payment attempt: succeeded, pending (bank debit) or failed with the card's reason. */
export function createCharge(
  ctx: ResourceContext,
  intent: PaymentIntent,
  method: PaymentMethod,
  status: Charge['status'],
  failure?: ChargeFailure,
): Charge {
  const succeeded = status === 'succeeded';
  return ctx.account.charges.add({
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    balance_transaction: null,
    captured: succeeded,
    created: ctx.now(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    metadata: { ...intent.metadata },
    outcome: {
      network_status: failure ? 'declined_by_network' : 'approved_by_network',
      reason: failure?.declineCode ?? null,
      risk_level: 'normal',
      seller_message: failure
        ? 'The bank did not return any further details with this decline.'
        : 'Payment complete.',
      type: failure ? 'issuer_declined' : 'authorized',
    },
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: method.id,
    payment_method_details: method.card
      ? { type: 'card', card: { ...method.card } }
      : { type: method.type, us_bank_account: { last4: method.us_bank_account?.last4 ?? '' } },
    refunded: false,
    status,
    livemode: false,
  });
}

/** Settles a pending bank-debit charge, keeping its id as Stripe does. */
export function settleCharge(
  charge: Charge,
  status: 'succeeded' | 'failed',
  failure?: ChargeFailure,
): Charge {
  const succeeded = status === 'succeeded';
  return Object.assign(charge, {
    status,
    paid: succeeded,
    captured: succeeded,
    amount_captured: succeeded ? charge.amount : 0,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    outcome: {
      ...charge.outcome,
      network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: failure?.declineCode ?? null,
    },
  });
}

export function registerChargeRoutes(router: Router<ResourceContext>): void {
  router
    .add('GET', '/v1/charges', (ctx, params) => {
      const intent = optionalString(params, 'payment_intent');
      const customer = optionalString(params, 'customer');
      const items = ctx.account.charges
        .all()
        .filter((c) => (!intent || c.payment_intent === intent) && (!customer || c.customer === customer));
      return paginate(items, params, '/v1/charges');
    })
    .add('GET', '/v1/charges/:id', (ctx, _params, path) => ctx.account.charges.require(path.id));
}
