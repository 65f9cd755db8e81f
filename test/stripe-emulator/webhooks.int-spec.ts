import Stripe from 'stripe';
import { waitFor } from '../kit/wait-for';
import { startStripeEmulator, StripeEmulator } from './server';
import { newTestKey, startWebhookReceiver, stripeClient, WebhookReceiver } from './test-support';

describe('Stripe emulator: webhook delivery', () => {
  const secret = 'whsec_emulator_test_secret';
  let emulator: StripeEmulator;
  let receiver: WebhookReceiver;
  let apiKey: string;
  let stripe: Stripe;

  beforeEach(async () => {
    emulator = await startStripeEmulator();
    receiver = await startWebhookReceiver();
    apiKey = newTestKey();
    stripe = stripeClient(emulator, apiKey);
    emulator.control.addWebhookEndpoint({
      url: receiver.url,
      secret,
      apiKey,
      enabledEvents: ['payment_intent.*'],
    });
  });
  afterEach(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  const pay = (paymentMethod = 'pm_card_visa') =>
    stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: paymentMethod,
      confirm: true,
    });

  it('signs events so that stripe.webhooks.constructEvent verifies them', async () => {
    const intent = await pay();
    await emulator.control.deliveriesIdle();
    expect(receiver.received.map((r) => r.event.type)).toEqual([
      'payment_intent.created',
      'payment_intent.succeeded',
    ]);
    for (const { body, headers } of receiver.received) {
      const event = stripe.webhooks.constructEvent(body, headers['stripe-signature'] as string, secret);
      expect((event.data.object as Stripe.PaymentIntent).id).toBe(intent.id);
    }
    const [{ body, headers }] = receiver.received;
    expect(() =>
      stripe.webhooks.constructEvent(body, headers['stripe-signature'] as string, 'whsec_wrong'),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('only delivers an account its own events', async () => {
    await stripeClient(emulator, newTestKey()).paymentIntents.create({ amount: 1000, currency: 'usd' });
    await pay();
    await emulator.control.deliveriesIdle();
    expect(receiver.received).toHaveLength(2);
  });

  it('delivers each event twice when duplicating', async () => {
    emulator.control.configureDelivery({ duplicate: true });
    await pay();
    await emulator.control.deliveriesIdle();
    const ids = receiver.received.map((r) => r.event.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(2);
  });

  it('holds events for the configured delay', async () => {
    emulator.control.configureDelivery({ delayMs: 400 });
    const started = Date.now();
    await pay();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).toHaveLength(0);
    await waitFor(async () => receiver.received.length === 2, 5_000, 'delayed deliveries');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('shuffles a batch when reordering', async () => {
    emulator.control.configureDelivery({ reorder: true, reorderWindowMs: 200 });
    for (let i = 0; i < 4; i++) await pay();
    await emulator.control.deliveriesIdle();
    const expected = emulator.control
      .events(apiKey)
      .filter((e) => e.type.startsWith('payment_intent.'))
      .map((e) => e.id);
    expect(expected).toHaveLength(8);
    const received = receiver.received.map((r) => r.event.id);
    expect([...received].sort()).toEqual([...expected].sort());
    expect(received).not.toEqual(expected);
  });

  it('queues while paused and sends on flush or resume', async () => {
    emulator.control.pauseDeliveries();
    await pay();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(0);
    await emulator.control.flushDeliveries();
    expect(receiver.received).toHaveLength(2);

    await pay('pm_card_mastercard');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(2);
    emulator.control.resumeDeliveries();
    await waitFor(async () => receiver.received.length === 4, 5_000, 'resumed deliveries');
  });

  it('retries an endpoint that does not answer 2xx', async () => {
    emulator.control.configureDelivery({ retryDelayMs: 20, maxAttempts: 3 });
    receiver.respondWith = 500;
    await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    await emulator.control.deliveriesIdle();
    const attempts = emulator.control.deliveryAttempts();
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
  });

  it('is driven over the HTTP control API as well', async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${emulator.url}/_emulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await control('delivery', { paused: true })).status).toBe(200);
    await pay();
    const flushed = await control('delivery/flush', {});
    expect(flushed.status).toBe(200);
    expect(receiver.received).toHaveLength(2);
    expect((await control('delivery', { paused: 'yes' })).status).toBe(400);
  });
});
