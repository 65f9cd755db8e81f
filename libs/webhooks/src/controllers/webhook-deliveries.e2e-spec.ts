import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
  waitForMail,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { createFinalizedInvoice } from '../../../../test/kit/invoicing-test-kit';
import { waitFor } from '../../../../test/kit/wait-for';
import { ReceivedWebhook, WebhookReceiver } from '../../../../test/kit/webhook-receiver';
import { WebhookRetrySchedule } from '../delivery/webhook-retry-schedule';
import { WebhookDeliverer } from '../services/webhook-deliverer';
import { WebhookDeliveryResumer } from '../services/webhook-delivery-resumer';

const TIMEOUT_MS = 600;

/**
 * Verifies `Webhook-Signature` the way docs/webhooks.md tells receivers to, written here from the
 * documentation (not with the platform's signing code): true when any v1 matches and t is recent.
 */
function verify(received: ReceivedWebhook, secret: string, toleranceSeconds = 300): boolean {
  const header = String(received.headers['webhook-signature'] ?? '');
  const parts = header.split(',').map((part) => part.split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value);
  if (!t || Math.abs(Date.now() / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${received.body}`).digest('hex'));
  return signatures.some(
    (sig) => sig.length === expected.length && timingSafeEqual(Buffer.from(sig), expected),
  );
}

interface DeliveryBody {
  id: string;
  status: string;
  eventId: string;
  eventType: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  attempts: {
    number: number;
    succeeded: boolean;
    statusCode: number | null;
    latencyMs: number;
    responseExcerpt: string | null;
    error: string | null;
  }[];
}

describe('webhook deliveries', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let schedule: WebhookRetrySchedule;
  const receivers: WebhookReceiver[] = [];

  const receiver = async (): Promise<[WebhookReceiver, string]> => {
    const r = new WebhookReceiver();
    receivers.push(r);
    return [r, await r.start()];
  };
  const createEndpoint = async (url: string, enabledEvents: string[] = ['*']) => {
    const res = await asUser(t, owner).post('/v1/webhook-endpoints', { url, enabledEvents });
    if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; secret: string };
  };
  const deliveriesOf = async (endpointId: string): Promise<DeliveryBody[]> =>
    (await asUser(t, owner).get(`/v1/webhook-endpoints/${endpointId}/deliveries`).expect(200)).body.data;
  const detail = async (deliveryId: string): Promise<DeliveryBody> =>
    (await asUser(t, owner).get(`/v1/webhook-deliveries/${deliveryId}`).expect(200)).body;
  const settled = (deliveryId: string, status: string, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const d = await detail(deliveryId);
        return d.status === status ? d : undefined;
      },
      timeoutMs,
      `delivery ${deliveryId} ${status}`,
    );
  const onlyDelivery = async (endpointId: string): Promise<DeliveryBody> => {
    const [delivery] = await waitFor(async () => {
      const list = await deliveriesOf(endpointId);
      return list.length ? list : undefined;
    });
    return delivery;
  };

  beforeAll(async () => {
    t = await startAuthApp({ WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) });
    owner = await signUpAndLogin(t, 'deliveries');
    schedule = t.app.get(WebhookRetrySchedule);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.stop();
    for (const r of receivers) await r.stop();
  });

  it('delivers a finalized invoice once, signed, with the envelope', async () => {
    const [r, url] = await receiver();
    const endpoint = await createEndpoint(url, ['invoice.finalized']);
    const invoice = await createFinalizedInvoice(t, owner);
    await t.drainJobs();
    const received = await r.waitFor((w) => w.json.type === 'invoice.finalized');
    expect(r.received).toHaveLength(1);
    expect(received.json).toEqual({
      id: expect.any(String),
      type: 'invoice.finalized',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: expect.objectContaining({
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        number: invoice.number,
        total: invoice.total,
        currency: invoice.currency,
      }),
    });
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['webhook-id']).toBe(received.json.id);
    expect(received.headers['user-agent']).toMatch(/^BillingWebhooks\//);
    expect(received.headers['webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(received, endpoint.secret)).toBe(true);
    expect(verify(received, 'whsec_wrong')).toBe(false);
    expect(
      verify(
        { ...received, body: received.body.replace('invoice.finalized', 'invoice.voided') },
        endpoint.secret,
      ),
    ).toBe(false);

    const delivery = await settled((await onlyDelivery(endpoint.id)).id, 'delivered');
    expect(delivery).toMatchObject({
      eventId: received.json.id,
      eventType: 'invoice.finalized',
      attemptCount: 1,
      nextAttemptAt: null,
    });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({
        number: 1,
        succeeded: true,
        statusCode: 200,
        responseExcerpt: 'ok',
        error: null,
      }),
    ]);
  });

  it('delivers only the subscribed types, per endpoint', async () => {
    const [customers, customersUrl] = await receiver();
    const [invoices, invoicesUrl] = await receiver();
    const [all, allUrl] = await receiver();
    await createEndpoint(customersUrl, ['customer.created']);
    await createEndpoint(invoicesUrl, ['invoice.created', 'invoice.finalized']);
    await createEndpoint(allUrl, ['*']);
    await createFinalizedInvoice(t, owner);
    await t.drainJobs();
    await all.waitFor((w) => w.json.type === 'invoice.finalized');
    await invoices.waitFor((w) => w.json.type === 'invoice.finalized');
    expect(customers.received.map((w) => w.json.type)).toEqual(['customer.created']);
    expect(invoices.received.map((w) => w.json.type).sort()).toEqual([
      'invoice.created',
      'invoice.finalized',
    ]);
    expect(all.received.map((w) => w.json.type).sort()).toEqual([
      'customer.created',
      'invoice.created',
      'invoice.finalized',
    ]);
  });

  it('emits customer events: created, updated with the changed fields, archived, deleted', async () => {
    const [r, url] = await receiver();
    await createEndpoint(url, ['customer.created', 'customer.updated', 'customer.deleted']);
    const customer = await createCustomer(t, owner);
    await asUser(t, owner)
      .patch(`/v1/customers/${customer.id}`, { name: 'Renamed GmbH', currency: customer.currency })
      .expect(200);
    await asUser(t, owner).patch(`/v1/customers/${customer.id}`, { name: 'Renamed GmbH' }).expect(200); // no change: no event
    await asUser(t, owner).post(`/v1/customers/${customer.id}/archive`).expect(200);
    await asUser(t, owner).post(`/v1/customers/${customer.id}/unarchive`).expect(200);
    await asUser(t, owner).delete(`/v1/customers/${customer.id}`).expect(204);
    await t.drainJobs();
    await r.waitFor((w) => w.json.type === 'customer.deleted');
    const events = r.received
      .filter((w) => w.json.data.customerId === customer.id)
      .sort((a, b) => a.json.id.localeCompare(b.json.id))
      .map((w) => [w.json.type, w.json.data.changed]);
    expect(events).toEqual([
      ['customer.created', undefined],
      ['customer.updated', ['name']],
      ['customer.updated', ['archivedAt']],
      ['customer.updated', ['archivedAt']],
      ['customer.deleted', undefined],
    ]);
  });

  it('retries after HTTP 500 with backoff until delivered, logging every attempt', async () => {
    const delays: number[] = [];
    jest.spyOn(schedule, 'nextDelayMs').mockImplementation((attempt) => {
      delays.push(attempt);
      return 100;
    });
    const [r, url] = await receiver();
    r.respondWith((n) => (n <= 2 ? { status: 500, body: `boom ${n} ${'x'.repeat(2000)}` } : { status: 204 }));
    const endpoint = await createEndpoint(url, ['customer.created']);
    await createCustomer(t, owner);
    await t.drainJobs();
    const delivery = await settled((await onlyDelivery(endpoint.id)).id, 'delivered');
    expect(delivery.attemptCount).toBe(3);
    expect(delays).toEqual([1, 2]);
    expect(delivery.attempts.map((a) => [a.number, a.succeeded, a.statusCode, a.error])).toEqual([
      [1, false, 500, 'HTTP 500'],
      [2, false, 500, 'HTTP 500'],
      [3, true, 204, null],
    ]);
    expect(delivery.attempts[0].responseExcerpt).toMatch(/^boom 1 x+$/);
    expect(Buffer.byteLength(delivery.attempts[0].responseExcerpt!)).toBe(1024);
    for (const attempt of delivery.attempts) expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
    // The same event (id and body) on every attempt.
    expect(new Set(r.received.map((w) => w.body)).size).toBe(1);
    const endpointNow = await asUser(t, owner).get(`/v1/webhook-endpoints/${endpoint.id}`).expect(200);
    expect(endpointNow.body.failingSince).toBeNull();
  });

  it('a worker that dies mid-attempt: the claim leases the delivery, resumed once the lease is over', async () => {
    const [r, url] = await receiver();
    const endpoint = await createEndpoint(url, ['customer.created']);
    // The worker dies after this endpoint's HTTP call, before the outcome is written (its job not retried).
    const deliverer = t.app.get<
      WebhookDeliverer,
      { record: (delivery: { endpointId: string }, ...rest: unknown[]) => Promise<void> }
    >(WebhookDeliverer);
    const record = deliverer.record.bind(deliverer);
    let died = false;
    jest.spyOn(deliverer, 'record').mockImplementation(async (delivery, ...rest) => {
      if (delivery.endpointId !== endpoint.id || died) return record(delivery, ...rest);
      died = true;
      throw new UnrecoverableError('worker died');
    });
    await createCustomer(t, owner);
    await t.drainJobs();
    const stuck = await detail((await onlyDelivery(endpoint.id)).id);
    expect(stuck).toMatchObject({ status: 'pending', attemptCount: 1, attempts: [] });
    expect(new Date(stuck.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + TIMEOUT_MS + 50_000);
    expect(r.received).toHaveLength(1);

    const resumer = t.app.get(WebhookDeliveryResumer);
    expect(await resumer.run()).toBe(0);
    // The lease ran out long ago: as if the attempt had died before the last sweep.
    await t.app
      .get(DataSource)
      .query(`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '6 minutes' WHERE id = $1`, [
        stuck.id,
      ]);
    expect(await resumer.run()).toBe(1);
    await t.drainJobs();
    const delivered = await settled(stuck.id, 'delivered');
    expect(delivered.attemptCount).toBe(2);
    expect(delivered.attempts.map((a) => [a.number, a.succeeded])).toEqual([[2, true]]);
    expect(r.received).toHaveLength(2);
    expect(new Set(r.received.map((w) => w.headers['webhook-id'])).size).toBe(1);
    expect(await resumer.run()).toBe(0);
  });

  it('counts a receiver slower than WEBHOOK_TIMEOUT_MS as a failure and retries', async () => {
    jest.spyOn(schedule, 'nextDelayMs').mockReturnValue(100);
    const [r, url] = await receiver();
    r.respondWith((n) => (n === 1 ? { status: 200, hangMs: TIMEOUT_MS * 4 } : { status: 200, body: 'fine' }));
    const endpoint = await createEndpoint(url, ['customer.created']);
    await createCustomer(t, owner);
    await t.drainJobs();
    const delivery = await settled((await onlyDelivery(endpoint.id)).id, 'delivered');
    expect(delivery.attempts).toHaveLength(2);
    expect(delivery.attempts[0]).toMatchObject({ succeeded: false, statusCode: null });
    expect(delivery.attempts[0].error).toMatch(/timeout/);
    expect(delivery.attempts[0].latencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(delivery.attempts[0].latencyMs).toBeLessThan(TIMEOUT_MS * 3);
    expect(delivery.attempts[1]).toMatchObject({ succeeded: true, statusCode: 200, responseExcerpt: 'fine' });
  });

  it('gives up when the schedule says so, and replays with the same event id', async () => {
    jest.spyOn(schedule, 'nextDelayMs').mockReturnValue(null);
    const [r, url] = await receiver();
    r.respondWith((n) => (n === 1 ? { status: 503 } : { status: 200 }));
    const endpoint = await createEndpoint(url, ['customer.created']);
    await createCustomer(t, owner);
    await t.drainJobs();
    const failed = await settled((await onlyDelivery(endpoint.id)).id, 'failed');
    expect(failed.attempts).toHaveLength(1);
    const filtered = await asUser(t, owner)
      .get(`/v1/webhook-endpoints/${endpoint.id}/deliveries?status=failed`)
      .expect(200);
    expect(filtered.body.data.map((d: DeliveryBody) => d.id)).toEqual([failed.id]);

    const replay = await asUser(t, owner).post(`/v1/webhook-deliveries/${failed.id}/replay`).expect(202);
    expect(replay.body).toMatchObject({ id: failed.id, status: 'pending' });
    await t.drainJobs();
    const delivered = await settled(failed.id, 'delivered');
    expect(delivered.attempts.map((a) => a.succeeded)).toEqual([false, true]);
    expect(r.received).toHaveLength(2);
    expect(r.received[1].json.id).toBe(r.received[0].json.id);
    expect(r.received[1].body).toBe(r.received[0].body);
    expect(verify(r.received[1], endpoint.secret)).toBe(true);

    // A delivered event can be replayed too: a third attempt.
    await asUser(t, owner).post(`/v1/webhook-deliveries/${failed.id}/replay`).expect(202);
    await t.drainJobs();
    await waitFor(async () => (await detail(failed.id)).attempts.length === 3);
    expect(r.received).toHaveLength(3);
  });

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const [r, url] = await receiver();
    const endpoint = await createEndpoint(url, ['customer.created']);
    const rotated = await asUser(t, owner)
      .post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { expiresInHours: 2 })
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(119 * 60_000);
    await createCustomer(t, owner);
    await t.drainJobs();
    const during = await r.waitFor(() => true);
    expect(String(during.headers['webhook-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verify(during, rotated.body.secret)).toBe(true);
    expect(verify(during, endpoint.secret)).toBe(true);

    const again = await asUser(t, owner)
      .post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { expiresInHours: 0 })
      .expect(200);
    expect(again.body.previousSecretExpiresAt).toBeNull();
    await createCustomer(t, owner);
    await t.drainJobs();
    await r.waitFor((w) => w !== during);
    const after = r.received[1];
    expect(String(after.headers['webhook-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(after, again.body.secret)).toBe(true);
    expect(verify(after, rotated.body.secret)).toBe(false);
  });

  it('disables an endpoint failing for 3 days and emails the admins', async () => {
    jest.spyOn(schedule, 'nextDelayMs').mockReturnValue(60_000);
    const [r, url] = await receiver();
    r.respondWith(() => ({ status: 500, body: 'down' }));
    const endpoint = await createEndpoint(url, ['customer.created']);
    // Failing since 3 days and an hour: the next failed attempt disables it.
    await t.app
      .get(DataSource)
      .query(`UPDATE webhook_endpoints SET failing_since = now() - interval '73 hours' WHERE id = $1`, [
        endpoint.id,
      ]);
    await createCustomer(t, owner);
    await t.drainJobs();
    const disabled = await waitFor(async () => {
      const res = await asUser(t, owner).get(`/v1/webhook-endpoints/${endpoint.id}`).expect(200);
      return res.body.enabled === false ? res.body : undefined;
    });
    expect(disabled.disabledReason).toBe('failing');
    const delivery = await settled((await onlyDelivery(endpoint.id)).id, 'failed');
    expect(delivery.nextAttemptAt).toBeNull();
    const mail = await waitForMail(t, owner.email, /Webhook endpoint disabled/);
    expect(mail.subject).toContain(url);
    expect(mail.text).toContain(endpoint.id);
    expect(mail.text).toContain('HTTP 500');

    // Nothing more is sent to it; replays wait until it is enabled again.
    await createCustomer(t, owner);
    await t.drainJobs();
    expect(r.received).toHaveLength(1);
    const refused = await asUser(t, owner).post(`/v1/webhook-deliveries/${delivery.id}/replay`).expect(409);
    expect(refused.body.code).toBe('webhook_endpoint_disabled');
    const enabled = await asUser(t, owner)
      .patch(`/v1/webhook-endpoints/${endpoint.id}`, { enabled: true })
      .expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });
});
