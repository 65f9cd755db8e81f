import Stripe from 'stripe';
import { startStripeEmulator, StripeEmulator } from './server';
import { newTestKey, stripeClient } from './test-support';

describe('Stripe emulator: payments through the real SDK', () => {
  let emulator: StripeEmulator;
  let apiKey: string;
  let stripe: Stripe;

  beforeAll(async () => {
    emulator = await startStripeEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    apiKey = newTestKey();
    stripe = stripeClient(emulator, apiKey);
  });

  const cardError = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    return error as Stripe.errors.StripeCardError;
  };

  it('charges a card, records the fee in a balance transaction and emits the events', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com', metadata: { org: 'o1' } });
    const intent = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      off_session: true,
      metadata: { invoice_id: 'inv_1' },
    });
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 2000, customer: customer.id });
    expect(intent.metadata).toEqual({ invoice_id: 'inv_1' });

    const charge = await stripe.charges.retrieve(intent.latest_charge as string, {
      expand: ['balance_transaction'],
    });
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(txn).toMatchObject({ amount: 2000, fee: 88, net: 1912, type: 'charge', source: charge.id });
    expect(charge.payment_method_details?.card?.last4).toBe('4242');

    const events = await stripe.events.list({ limit: 100 });
    const types = events.data.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['charge.succeeded', 'payment_intent.succeeded', 'customer.created']),
    );
    const succeeded = events.data.find((e) => e.type === 'payment_intent.succeeded') as Stripe.Event;
    expect((succeeded.data.object as Stripe.PaymentIntent).id).toBe(intent.id);
    expect(await stripe.events.retrieve(succeeded.id)).toMatchObject({ id: succeeded.id });
  });

  it('takes zero-decimal currencies as they are', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'jpy',
      payment_method: 'pm_card_mastercard',
      confirm: true,
    });
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 5000, currency: 'jpy' });
    const [txn] = (await stripe.balanceTransactions.list()).data;
    expect(txn).toMatchObject({ amount: 5000, currency: 'jpy', fee: 175 });
  });

  it('declines with Stripe card_error 402, decline_code and last_payment_error', async () => {
    const error = await cardError(
      stripe.paymentIntents.create({
        amount: 1500,
        currency: 'eur',
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
        confirm: true,
      }),
    );
    expect(error).toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'insufficient_funds',
    });
    const intent = await stripe.paymentIntents.retrieve(error.payment_intent!.id);
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error).toMatchObject({
      type: 'card_error',
      decline_code: 'insufficient_funds',
    });
    const events = await stripe.events.list({ type: 'payment_intent.payment_failed' });
    expect(events.data).toHaveLength(1);

    const stolen = await cardError(
      stripe.paymentIntents.create({
        amount: 900,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclinedStolenCard',
        confirm: true,
      }),
    );
    expect(stolen.decline_code).toBe('stolen_card');
  });

  it('asks for 3-D Secure on session and refuses off session with authentication_required', async () => {
    const onSession = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    });
    expect(onSession.status).toBe('requires_action');
    expect(onSession.next_action?.type).toBe('use_stripe_sdk');
    emulator.control.completeAuthentication(apiKey, onSession.id);
    expect((await stripe.paymentIntents.retrieve(onSession.id)).status).toBe('succeeded');

    const customer = await stripe.customers.create();
    const offSession = await cardError(
      stripe.paymentIntents.create({
        amount: 3000,
        currency: 'usd',
        customer: customer.id,
        payment_method: 'pm_card_authenticationRequired',
        confirm: true,
        off_session: true,
      }),
    );
    expect(offSession).toMatchObject({
      code: 'authentication_required',
      decline_code: 'authentication_required',
    });
  });

  it('saves cards through SetupIntents, lists, sets default and detaches them', async () => {
    const customer = await stripe.customers.create({ name: 'Grace' });
    const setup = await stripe.setupIntents.create({ customer: customer.id });
    expect(setup.client_secret).toMatch(new RegExp(`^${setup.id}_secret_`));
    const confirmed = await stripe.setupIntents.confirm(setup.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');

    const methods = await stripe.customers.listPaymentMethods(customer.id);
    expect(methods.data.map((m) => m.id)).toEqual([confirmed.payment_method]);
    const updated = await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: confirmed.payment_method as string },
    });
    expect(updated.invoice_settings.default_payment_method).toBe(confirmed.payment_method);

    const declined = await cardError(
      stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id }),
    );
    expect(declined.code).toBe('card_declined');
    const failsLater = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    expect(failsLater.customer).toBe(customer.id);

    await stripe.paymentMethods.detach(confirmed.payment_method as string);
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      invoice_settings: { default_payment_method: null },
    });
    const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'setup_intent.succeeded',
        'payment_method.attached',
        'payment_method.detached',
      ]),
    );
  });

  it('keeps bank debits processing until the test settles them, and cancels open intents', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 10_000,
      currency: 'usd',
      payment_method: 'pm_usBankAccount_success',
      confirm: true,
    });
    expect(intent.status).toBe('processing');
    emulator.control.settlePaymentIntent(apiKey, intent.id);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');

    const open = await stripe.paymentIntents.create({ amount: 700, currency: 'usd' });
    expect(open.status).toBe('requires_payment_method');
    const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
  });

  it('replays an idempotent request and refuses the same key with other params', async () => {
    const params = { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'invoice-1-attempt-1' });
    const again = await stripe.paymentIntents.create(params, { idempotencyKey: 'invoice-1-attempt-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emulator.control.paymentIntents(apiKey)).toHaveLength(1);

    await expect(
      stripe.paymentIntents.create({ ...params, amount: 4300 }, { idempotencyKey: 'invoice-1-attempt-1' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const declineParams = {
      amount: 800,
      currency: 'usd',
      payment_method: 'pm_card_chargeDeclined',
      confirm: true,
    };
    const firstDecline = await cardError(
      stripe.paymentIntents.create(declineParams, { idempotencyKey: 'decl' }),
    );
    const replayedDecline = await cardError(
      stripe.paymentIntents.create(declineParams, { idempotencyKey: 'decl' }),
    );
    expect(replayedDecline.payment_intent?.id).toBe(firstDecline.payment_intent?.id);
    expect(emulator.control.paymentIntents(apiKey)).toHaveLength(2);
  });

  it('refunds partially and fully, never above what is left on the charge', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const partial = await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    expect(partial).toMatchObject({ status: 'succeeded', amount: 500 });
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 1600 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      param: 'amount',
    });
    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(1500);
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 1 })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });

    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 2000, refunded: true });
    const refundTxns = await stripe.balanceTransactions.list({ type: 'refund' });
    expect(refundTxns.data.map((t) => t.amount).sort()).toEqual([-1500, -500]);
    const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    expect(types.filter((t) => t === 'refund.created')).toHaveLength(2);
    expect(types.filter((t) => t === 'charge.refunded')).toHaveLength(2);

    emulator.control.failRefund(apiKey, partial.id);
    expect((await stripe.refunds.retrieve(partial.id)).status).toBe('failed');
  });

  it('answers unknown objects with resource_missing and keeps accounts apart', async () => {
    await expect(stripe.paymentIntents.retrieve('pi_unknown')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    const customer = await stripe.customers.create();
    const otherAccount = stripeClient(emulator, newTestKey());
    await expect(otherAccount.customers.retrieve(customer.id)).rejects.toMatchObject({
      code: 'resource_missing',
    });
    await expect(stripeClient(emulator, 'sk_live_real').customers.create()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it('only accepts the configured keys when given some', async () => {
    const allowed = newTestKey();
    const strict = await startStripeEmulator({ allowedKeys: [allowed] });
    try {
      await expect(stripeClient(strict, newTestKey()).customers.create()).rejects.toMatchObject({
        statusCode: 401,
      });
      expect((await stripeClient(strict, allowed).customers.create()).object).toBe('customer');
    } finally {
      await strict.stop();
    }
  });
});
