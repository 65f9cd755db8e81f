import { invalidRequest, unexpectedState } from '../http/errors';
import { Router } from '../http/router';
import { mergeMetadata, optionalInteger, optionalString } from '../http/params';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { Charge, Refund } from '../state/objects';
import { recordBalanceTransaction } from './balance-transactions';
import { ResourceContext } from './context';

function chargeToRefund(ctx: ResourceContext, chargeId?: string, intentId?: string): Charge {
  if (chargeId) return ctx.account.charges.require(chargeId, 'charge');
  if (!intentId)
    throw invalidRequest('One of `charge` or `payment_intent` is required.', 'parameter_missing', 'charge');
  const intent = ctx.account.paymentIntents.require(intentId, 'payment_intent');
  if (intent.status !== 'succeeded' || !intent.latest_charge)
    throw unexpectedState(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      'charge_not_refundable',
    );
  return ctx.account.charges.require(intent.latest_charge, 'charge');
}

/** Never more than what is left on the charge: Stripe's `amount_too_large` / `charge_already_refunded`. */
function refundableAmount(charge: Charge, requested: number | undefined): number {
  if (charge.status !== 'succeeded')
    throw unexpectedState(`Charge ${charge.id} has not succeeded.`, 'charge_not_refundable');
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0)
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      'charge_already_refunded',
      'charge',
    );
  const amount = requested ?? remaining;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', 'parameter_invalid_integer', 'amount');
  if (amount > remaining)
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      'amount_too_large',
      'amount',
    );
  return amount;
}

/** A refund can fail after it succeeded (closed card account): the funds come back to the balance. */
export function failRefund(
  ctx: ResourceContext,
  refund: Refund,
  reason = 'expired_or_canceled_card',
): Refund {
  if (refund.status === 'failed') return refund;
  const previous = { status: refund.status };
  const charge = ctx.account.charges.require(refund.charge);
  charge.amount_refunded -= refund.amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  Object.assign(refund, {
    status: 'failed',
    failure_reason: reason,
    failure_balance_transaction: recordBalanceTransaction(ctx, {
      amount: refund.amount,
      currency: refund.currency,
      type: 'refund_failure',
      reporting_category: 'refund_failure',
      source: refund.id,
      description: 'REFUND FOR FAILED REFUND',
    }).id,
  });
  ctx.emit('refund.updated', refund, previous);
  ctx.emit('refund.failed', refund);
  return refund;
}

export function registerRefundRoutes(router: Router<ResourceContext>): void {
  router
    .add('POST', '/v1/refunds', (ctx, params) => {
      const charge = chargeToRefund(
        ctx,
        optionalString(params, 'charge'),
        optionalString(params, 'payment_intent'),
      );
      const amount = refundableAmount(charge, optionalInteger(params, 'amount'));
      const refund: Refund = {
        id: newId('re'),
        object: 'refund',
        amount,
        balance_transaction: null,
        charge: charge.id,
        created: ctx.now(),
        currency: charge.currency,
        failure_balance_transaction: null,
        failure_reason: null,
        metadata: mergeMetadata({}, params),
        payment_intent: charge.payment_intent,
        reason: optionalString(params, 'reason') ?? null,
        status: 'succeeded',
      };
      refund.balance_transaction = recordBalanceTransaction(ctx, {
        amount: -amount,
        currency: charge.currency,
        type: 'refund',
        reporting_category: 'refund',
        source: refund.id,
        description: 'REFUND FOR CHARGE',
      }).id;
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      ctx.account.refunds.add(refund);
      ctx.emit('refund.created', refund);
      ctx.emit('charge.refunded', charge);
      return refund;
    })
    .add('GET', '/v1/refunds', (ctx, params) => {
      const charge = optionalString(params, 'charge');
      const intent = optionalString(params, 'payment_intent');
      const items = ctx.account.refunds
        .all()
        .filter((r) => (!charge || r.charge === charge) && (!intent || r.payment_intent === intent));
      return paginate(items, params, '/v1/refunds');
    })
    .add('GET', '/v1/refunds/:id', (ctx, _params, path) => ctx.account.refunds.require(path.id))
    .add('POST', '/v1/refunds/:id', (ctx, params, path) => {
      const refund = ctx.account.refunds.require(path.id);
      const previous = { metadata: { ...refund.metadata } };
      refund.metadata = mergeMetadata(refund.metadata, params);
      ctx.emit('refund.updated', refund, previous);
      return refund;
    });
}
