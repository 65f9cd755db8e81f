import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { TransactionContext, newId } from '@app/core';
import { SignedUpUser, asUser, signUpAndLogin } from '../../../../test/kit/auth-test-kit';
import {
  ConnectedStripe,
  PaymentsTestApp,
  connectStripe,
  startPaymentsApp,
} from '../../../../test/kit/stripe-test-kit';
import { waitFor } from '../../../../test/kit/wait-for';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { StripeEventRouter } from '../stripe/stripe-event-router';

interface InboxRow {
  id: string;
  stripe_event_id: string;
  type: string;
  object_id: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('payments: inbound Stripe webhooks (inbox)', () => {
  let t: PaymentsTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let ownerStripe: ConnectedStripe;
  let stripe: Stripe;
  /** Every call of the test handler (event ids), and its effect: one entry per customer, however often. */
  const calls: string[] = [];
  const effects = new Map<string, string>();
  const failedOnce = new Set<string>();

  const rows = async (orgId: string, where = 'TRUE', params: unknown[] = []): Promise<InboxRow[]> =>
    t.app.get(DataSource).query(
      `SELECT id, stripe_event_id, type, object_id, status, attempts, last_error FROM stripe_events
          WHERE org_id = $1 AND ${where} ORDER BY id`,
      [orgId, ...params],
    );
  const rowOf = async (stripeEventId: string): Promise<InboxRow | undefined> =>
    (await rows(owner.orgId, 'stripe_event_id = $2', [stripeEventId]))[0];
  const rowWhen = (stripeEventId: string, status: string, timeoutMs = 15_000): Promise<InboxRow> =>
    waitFor(
      async () => {
        const row = await rowOf(stripeEventId);
        return row?.status === status ? row : undefined;
      },
      timeoutMs,
      `${stripeEventId} ${status}`,
    );
  const settled = async (): Promise<void> => {
    await t.emulator.control.deliveriesIdle();
    await t.drainJobs();
  };
  const createdEventOf = (customerId: string): string => {
    const event = t.emulator.control
      .events(ownerStripe.apiKey)
      .find((e) => e.type === 'customer.created' && (e.data.object as { id: string }).id === customerId);
    if (!event) throw new Error(`no customer.created event for ${customerId}`);
    return event.id;
  };
  const signedPost = (orgId: string, payload: string, header: string) =>
    t
      .http()
      .post(`/v1/webhooks/stripe/${orgId}`)
      .set('content-type', 'application/json')
      .set('stripe-signature', header)
      .send(payload);
  const fakeEvent = (id = `evt_test_${newId().replace(/-/g, '')}`): string =>
    JSON.stringify({
      id,
      object: 'event',
      type: 'customer.created',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { id: `cus_${id}`, object: 'customer', metadata: {} } },
    });

  beforeAll(async () => {
    t = await startPaymentsApp();
    owner = await signUpAndLogin(t, 'stripe-inbox');
    other = await signUpAndLogin(t, 'stripe-inbox-other');
    ownerStripe = await connectStripe(t, owner);
    stripe = (await t.app.get(StripeAccountsService).get(owner.orgId)).stripe;
    t.app.get(StripeEventRouter).on(['customer.created'], async (orgId, event) => {
      const customer = event.data.object as Stripe.Customer;
      calls.push(event.id);
      if (customer.metadata?.fail_once === 'yes' && !failedOnce.has(customer.id)) {
        failedOnce.add(customer.id);
        // A write through TransactionContext joins the processing transaction, so the failure undoes it.
        await t.app.get(TransactionContext).manager.query(
          `INSERT INTO stripe_events (id, org_id, stripe_event_id, type, livemode, stripe_created_at, payload)
           VALUES ($1, $2, $3, 'test.effect', false, now(), '{}')`,
          [newId(), orgId, `evt_effect_${customer.id}`],
        );
        throw new Error(`handler failed once for ${customer.id}`);
      }
      effects.set(customer.id, orgId);
    });
  });
  afterAll(() => t.stop());
  afterEach(() => t.emulator.control.configureDelivery({ duplicate: false, reorder: false, paused: false }));

  it('stores a delivered event once, answers 200 and processes it through the router', async () => {
    const customer = await stripe.customers.create({ email: 'inbox@example.test' });
    await settled();
    const eventId = createdEventOf(customer.id);

    const delivery = t.emulator.control.deliveryAttempts().filter((a) => a.eventId === eventId);
    expect(delivery.map((a) => a.status)).toEqual([200]);
    expect(await rowOf(eventId)).toMatchObject({
      type: 'customer.created',
      object_id: customer.id,
      status: 'processed',
      attempts: 1,
      last_error: null,
    });
    expect(calls.filter((id) => id === eventId)).toHaveLength(1);
    expect(effects.get(customer.id)).toBe(owner.orgId);
  });

  it('a duplicate delivery is answered 200, stored once and processed once', async () => {
    t.emulator.control.configureDelivery({ duplicate: true });
    const customer = await stripe.customers.create({ email: 'duplicate@example.test' });
    await settled();
    const eventId = createdEventOf(customer.id);

    const delivery = t.emulator.control.deliveryAttempts().filter((a) => a.eventId === eventId);
    expect(delivery.map((a) => a.status)).toEqual([200, 200]);
    expect(await rows(owner.orgId, 'stripe_event_id = $2', [eventId])).toHaveLength(1);
    expect((await rowOf(eventId))?.status).toBe('processed');
    expect(calls.filter((id) => id === eventId)).toHaveLength(1);
  });

  it('reordered deliveries are each stored and processed once', async () => {
    // Held back and released together: the emulator sends the batch in an order other than Stripe's.
    t.emulator.control.configureDelivery({ reorder: true, paused: true });
    const customers: Stripe.Customer[] = [];
    for (let i = 0; i < 4; i++)
      customers.push(await stripe.customers.create({ email: `reorder-${i}@example.test` }));
    t.emulator.control.resumeDeliveries();
    await settled();
    const eventIds = customers.map((c) => createdEventOf(c.id));

    const received = (await rows(owner.orgId, 'stripe_event_id = ANY($2)', [eventIds])).map(
      (r) => r.stripe_event_id,
    );
    expect([...received].sort()).toEqual([...eventIds].sort());
    expect(received).not.toEqual(eventIds);
    for (const eventId of eventIds) {
      expect((await rowOf(eventId))?.status).toBe('processed');
      expect(calls.filter((id) => id === eventId)).toHaveLength(1);
    }
  });

  it('a burst of concurrent deliveries, some repeated at once: each event stored once and processed once', async () => {
    const sign = (payload: string) =>
      Stripe.webhooks.generateTestHeaderString({ payload, secret: ownerStripe.webhookSecret });
    const payloads = Array.from({ length: 40 }, () => fakeEvent());
    // Postgres refuses a NUL in jsonb: that delivery fails alone, not the ones written with it.
    const unstorable = fakeEvent().replace('"metadata":{}', '"metadata":{"note":"\\u0000"}');
    const deliveries = [...payloads, ...payloads.slice(0, 10), unstorable];
    const responses = await Promise.all(
      deliveries.map((payload, i) =>
        // One with the org id in upper case: the same endpoint.
        signedPost(i === 0 ? owner.orgId.toUpperCase() : owner.orgId, payload, sign(payload)),
      ),
    );

    expect(responses.slice(0, -1).map((r) => r.status)).toEqual(deliveries.slice(0, -1).map(() => 200));
    expect(responses[responses.length - 1].body).toMatchObject({ status: 400, code: 'invalid_value' });
    await t.drainJobs();
    const eventIds = payloads.map((p) => (JSON.parse(p) as { id: string }).id);
    const stored = await rows(owner.orgId, 'stripe_event_id = ANY($2)', [eventIds]);
    expect(stored.map((r) => r.stripe_event_id).sort()).toEqual([...eventIds].sort());
    expect(stored.every((r) => r.status === 'processed' && r.attempts === 1)).toBe(true);
    for (const eventId of eventIds) expect(calls.filter((id) => id === eventId)).toHaveLength(1);
    const unstorableId = (JSON.parse(unstorable) as { id: string }).id;
    expect(await rowOf(unstorableId)).toBeUndefined();
  });

  it('an event type without a handler is stored and marked ignored', async () => {
    const customer = await stripe.customers.create({ email: 'ignored@example.test' });
    await stripe.customers.update(customer.id, { name: 'Renamed' });
    await settled();

    const [updated] = await rows(owner.orgId, `type = 'customer.updated' AND object_id = $2`, [customer.id]);
    expect(updated).toMatchObject({ status: 'ignored', attempts: 1 });
  });

  it('a bad signature, a missing one or a stale timestamp is a 400 and stores nothing', async () => {
    const before = (await rows(owner.orgId)).length;
    const payload = fakeEvent();
    const secret = ownerStripe.webhookSecret;

    const wrongSecret = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_secret' });
    const bad = await signedPost(owner.orgId, payload, wrongSecret).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('stripe_signature_invalid');

    const tampered = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    await signedPost(owner.orgId, payload.replace('"livemode":false', '"livemode":true'), tampered).expect(
      400,
    );
    await t
      .http()
      .post(`/v1/webhooks/stripe/${owner.orgId}`)
      .set('content-type', 'application/json')
      .send(payload)
      .expect(400);

    const staleAt = Math.floor(Date.now() / 1000) - 301;
    const stale = await signedPost(
      owner.orgId,
      payload,
      Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: staleAt }),
    ).expect(400);
    expect(stale.body.code).toBe('stripe_signature_invalid');
    expect(stale.body.detail).toMatch(/tolerance/i);

    await t.drainJobs();
    expect(await rows(owner.orgId)).toHaveLength(before);
  });

  it('a signature within the 300 s tolerance is accepted, and a replayed request is a 200 stored once', async () => {
    const payload = fakeEvent();
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: ownerStripe.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 240,
    });
    expect((await signedPost(owner.orgId, payload, header).expect(200)).body).toEqual({ received: true });
    expect((await signedPost(owner.orgId, payload, header).expect(200)).body).toEqual({ received: true });
    await t.drainJobs();

    const eventId = (JSON.parse(payload) as { id: string }).id;
    expect(await rows(owner.orgId, 'stripe_event_id = $2', [eventId])).toHaveLength(1);
    expect(calls.filter((id) => id === eventId)).toHaveLength(1);
  });

  it('an unknown org, a malformed org id and an org without Stripe are 404s', async () => {
    const payload = fakeEvent();
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: ownerStripe.webhookSecret });

    for (const orgId of [newId(), 'not-an-org', other.orgId]) {
      const res = await signedPost(orgId, payload, header).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('stripe_webhook_endpoint_not_found');
    }
    expect(await rows(other.orgId)).toHaveLength(0);
  });

  it('a failing handler: its writes roll back, the event is failed with its error, then the retry processes it', async () => {
    const customer = await stripe.customers.create({ metadata: { fail_once: 'yes' } });
    await t.emulator.control.deliveriesIdle();
    const eventId = createdEventOf(customer.id);

    const failed = await rowWhen(eventId, 'failed');
    expect(failed).toMatchObject({ attempts: 1, last_error: `handler failed once for ${customer.id}` });
    const processed = await rowWhen(eventId, 'processed');
    expect(processed).toMatchObject({ attempts: 2, last_error: `handler failed once for ${customer.id}` });
    expect(await rowOf(`evt_effect_${customer.id}`)).toBeUndefined(); // the failed attempt's write rolled back
    expect(calls.filter((id) => id === eventId)).toHaveLength(2);
    expect(effects.get(customer.id)).toBe(owner.orgId);
  });

  it('replay processes the event again; the idempotent handler has no second effect', async () => {
    const customer = await stripe.customers.create({ email: 'replay@example.test' });
    await settled();
    const eventId = createdEventOf(customer.id);
    const row = (await rowOf(eventId))!;
    const effectsBefore = effects.size;

    const replayed = await asUser(t, owner).post(`/v1/payments/stripe/events/${row.id}/replay`).expect(202);
    expect(replayed.body).toMatchObject({ id: row.id, stripeEventId: eventId, status: 'pending' });
    await t.drainJobs();

    expect(await rowOf(eventId)).toMatchObject({ status: 'processed', attempts: 2 });
    expect(calls.filter((id) => id === eventId)).toHaveLength(2);
    expect(effects.size).toBe(effectsBefore);
    await asUser(t, owner).post(`/v1/payments/stripe/events/${newId()}/replay`).expect(404);
  });

  it('lists events newest first with type and status filters and cursor pagination; reads one with its payload', async () => {
    const created = await rows(owner.orgId, `type = 'customer.created'`);
    const first = await asUser(t, owner)
      .get('/v1/payments/stripe/events?type=customer.created&limit=2')
      .expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.hasMore).toBe(true);
    expect(first.body.data[0]).not.toHaveProperty('payload');

    const seen: string[] = first.body.data.map((e: { id: string }) => e.id);
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await asUser(t, owner)
        .get(`/v1/payments/stripe/events?type=customer.created&limit=2&cursor=${cursor}`)
        .expect(200);
      seen.push(...page.body.data.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(created.map((r) => r.id).reverse());

    const ignored = await asUser(t, owner).get('/v1/payments/stripe/events?status=ignored').expect(200);
    expect(ignored.body.data.length).toBeGreaterThan(0);
    expect(ignored.body.data.every((e: { status: string }) => e.status === 'ignored')).toBe(true);
    const bad = await asUser(t, owner).get('/v1/payments/stripe/events?status=done').expect(400);
    expect(bad.body.errors[0].field).toBe('status');

    const one = await asUser(t, owner).get(`/v1/payments/stripe/events/${created[0].id}`).expect(200);
    expect(one.body).toMatchObject({
      id: created[0].id,
      stripeEventId: created[0].stripe_event_id,
      type: 'customer.created',
      livemode: false,
      payload: { id: created[0].stripe_event_id, type: 'customer.created' },
    });
  });

  it('another organisation cannot see, read or replay your events (404)', async () => {
    const [event] = await rows(owner.orgId);
    await connectStripe(t, other, { webhooks: false });

    expect((await asUser(t, other).get('/v1/payments/stripe/events').expect(200)).body.data).toEqual([]);
    await asUser(t, other).get(`/v1/payments/stripe/events/${event.id}`).expect(404);
    await asUser(t, other).post(`/v1/payments/stripe/events/${event.id}/replay`).expect(404);
    await asUser(t, other).get('/v1/payments/stripe/events/not-a-uuid').expect(404);
  });
});
