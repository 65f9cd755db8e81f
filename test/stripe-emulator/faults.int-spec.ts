import Stripe from 'stripe';
import { startStripeEmulator, StripeEmulator } from './server';
import { newTestKey, stripeClient } from './test-support';

describe('Stripe emulator: fault injection', () => {
  let emulator: StripeEmulator;
  let apiKey: string;

  beforeAll(async () => {
    emulator = await startStripeEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    apiKey = newTestKey();
    emulator.control.clearFaults();
  });

  const payment = { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true };

  it('answers 429 with Retry-After, then the SDK retries to success', async () => {
    emulator.control.injectFault({ kind: '429', count: 1, path: '/v1/payment_intents' });
    const requests: number[] = [];
    const stripe = stripeClient(emulator, apiKey, { maxNetworkRetries: 2 });
    stripe.on('response', (event: { status: number }) => requests.push(event.status));
    const intent = await stripe.paymentIntents.create(payment);
    expect(intent.status).toBe('succeeded');
    expect(requests).toEqual([200]);
    expect(emulator.control.paymentIntents(apiKey)).toHaveLength(1);

    emulator.control.injectFault({ kind: '429', retryAfterSeconds: 7 });
    const error = await stripeClient(emulator, apiKey)
      .customers.create()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect((error as Stripe.errors.StripeError).headers?.['retry-after']).toBe('7');
  });

  it('injects a 500 that a client without retries sees', async () => {
    emulator.control.injectFault({ kind: '500', path: '/v1/customers' });
    await expect(stripeClient(emulator, apiKey).customers.create()).rejects.toMatchObject({
      type: 'StripeAPIError',
      statusCode: 500,
    });
    expect(emulator.control.objects(apiKey, 'customers')).toHaveLength(0);
    expect((await stripeClient(emulator, apiKey).customers.create()).object).toBe('customer');
  });

  it('loses the answer of an executed charge, and the retry with the same key replays it', async () => {
    emulator.control.injectFault({ kind: '500', path: '/v1/payment_intents', phase: 'after' });
    const intent = await stripeClient(emulator, apiKey, { maxNetworkRetries: 1 }).paymentIntents.create(
      payment,
      {
        idempotencyKey: 'inv-9-attempt-1',
      },
    );
    expect(intent.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emulator.control.paymentIntents(apiKey)).toHaveLength(1);
  });

  it('hangs past the client timeout; a retry after the timeout gets the stored result', async () => {
    emulator.control.injectFault({
      kind: 'timeout',
      path: '/v1/payment_intents',
      phase: 'after',
      hangMs: 5_000,
    });
    const hasty = stripeClient(emulator, apiKey, { timeout: 300 });
    await expect(hasty.paymentIntents.create(payment, { idempotencyKey: 'inv-10' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
    const retried = await hasty.paymentIntents.create(payment, { idempotencyKey: 'inv-10' });
    expect(retried.status).toBe('succeeded');
    expect(emulator.control.paymentIntents(apiKey)).toHaveLength(1);
  });

  it('only counts requests matching the fault path', async () => {
    emulator.control.injectFault({ kind: '500', path: '/v1/refunds', count: 2 });
    const stripe = stripeClient(emulator, apiKey);
    await expect(stripe.paymentIntents.create(payment)).resolves.toMatchObject({ status: 'succeeded' });
    await expect(stripe.refunds.list()).rejects.toMatchObject({ statusCode: 500 });
    await expect(stripe.refunds.list()).rejects.toMatchObject({ statusCode: 500 });
    await expect(stripe.refunds.list()).resolves.toMatchObject({ object: 'list' });
  });
});
