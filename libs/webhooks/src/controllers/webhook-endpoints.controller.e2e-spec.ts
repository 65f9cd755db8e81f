import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WEBHOOK_EVENT_TYPES } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { waitFor } from '../../../../test/kit/wait-for';
import { WebhookReceiver } from '../../../../test/kit/webhook-receiver';

interface EndpointBody {
  id: string;
  url: string;
  enabledEvents: string[];
  enabled: boolean;
  secret?: string;
  [key: string]: unknown;
}

describe('webhook endpoints API', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  const receiver = new WebhookReceiver();
  let url: string;

  const create = async (body: Record<string, unknown> = {}): Promise<EndpointBody> => {
    const res = await asUser(t, owner).post('/v1/webhook-endpoints', { url, enabledEvents: ['*'], ...body });
    if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as EndpointBody;
  };

  beforeAll(async () => {
    url = await receiver.start();
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'hooks');
    stranger = await signUpAndLogin(t, 'hooks-stranger');
  });
  afterAll(async () => {
    await t.stop();
    await receiver.stop();
  });

  it('creates an endpoint and shows its secret only once, stored sealed', async () => {
    const created = await create({ description: 'ERP sync', enabledEvents: ['invoice.finalized'] });
    expect(created).toMatchObject({
      url,
      description: 'ERP sync',
      enabledEvents: ['invoice.finalized'],
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });
    expect(created.secret).toMatch(/^whsec_[\w-]{32}$/);

    const read = await asUser(t, owner).get(`/v1/webhook-endpoints/${created.id}`).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await asUser(t, owner).get('/v1/webhook-endpoints').expect(200);
    expect(list.body.data.map((e: EndpointBody) => e.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const [row] = await t.app
      .get(DataSource)
      .query('SELECT secret FROM webhook_endpoints WHERE id = $1', [created.id]);
    expect(row.secret).toMatch(/^v1:/);
    expect(row.secret).not.toContain(created.secret);
  });

  it('lists the subscribable event types', async () => {
    const res = await asUser(t, owner).get('/v1/webhook-endpoints/event-types').expect(200);
    expect(res.body.data).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(res.body.data).toEqual(
      expect.arrayContaining(['invoice.finalized', 'customer.created', 'credit_note.created']),
    );
    expect(res.body.data).not.toContain('invoice.send_requested');
  });

  it('updates only what is given, and deletes', async () => {
    const created = await create();
    const updated = await asUser(t, owner)
      .patch(`/v1/webhook-endpoints/${created.id}`, {
        enabledEvents: ['customer.created', 'customer.updated'],
        enabled: false,
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      url,
      enabledEvents: ['customer.created', 'customer.updated'],
      enabled: false,
    });
    await asUser(t, owner).delete(`/v1/webhook-endpoints/${created.id}`).expect(204);
    await asUser(t, owner).get(`/v1/webhook-endpoints/${created.id}`).expect(404);
  });

  it.each([
    ['not a url', 'invalid_webhook_url'],
    ['ftp://example.com/hook', 'invalid_webhook_url'],
    ['/relative/path', 'invalid_webhook_url'],
    ['https://user:pass@example.com/hook', 'invalid_webhook_url'],
  ])('refuses the URL %s with 422 %s', async (bad, code) => {
    const res = await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url: bad, enabledEvents: ['*'] })
      .expect(422);
    expect(res.body).toMatchObject({ code, errors: [expect.objectContaining({ field: 'url' })] });
  });

  it('refuses unknown event types with 422 naming them', async () => {
    const res = await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url, enabledEvents: ['invoice.finalized', 'invoice.exploded'] })
      .expect(422);
    expect(res.body.code).toBe('unknown_event_type');
    expect(res.body.detail).toContain('invoice.exploded');
    expect(res.body.errors).toEqual([
      { field: 'enabledEvents.1', message: 'unknown event type "invoice.exploded"' },
    ]);
    const mixed = await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url, enabledEvents: ['*', 'invoice.finalized'] })
      .expect(422);
    expect(mixed.body.code).toBe('unknown_event_type');
    const created = await create();
    const patched = await asUser(t, owner)
      .patch(`/v1/webhook-endpoints/${created.id}`, { enabledEvents: ['nope'] })
      .expect(422);
    expect(patched.body.code).toBe('unknown_event_type');
  });

  it('answers 400 for a malformed body, never 500', async () => {
    await asUser(t, owner).post('/v1/webhook-endpoints', { url, enabledEvents: [] }).expect(400);
    await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url, enabledEvents: 'invoice.finalized' })
      .expect(400);
    await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url: 42, enabledEvents: ['*'] })
      .expect(400);
    const created = await create();
    await asUser(t, owner)
      .post(`/v1/webhook-endpoints/${created.id}/rotate-secret`, { expiresInHours: 169 })
      .expect(400);
  });

  it("is a 404 for another organisation's endpoint and delivery", async () => {
    const created = await create();
    for (const path of [
      `/v1/webhook-endpoints/${created.id}`,
      `/v1/webhook-endpoints/${created.id}/deliveries`,
      `/v1/webhook-deliveries/${randomUUID()}`,
      '/v1/webhook-endpoints/not-a-uuid',
    ]) {
      await asUser(t, stranger).get(path).expect(404);
    }
    await asUser(t, stranger).post(`/v1/webhook-endpoints/${created.id}/rotate-secret`, {}).expect(404);
    await asUser(t, stranger).delete(`/v1/webhook-endpoints/${created.id}`).expect(404);
    await asUser(t, owner).get(`/v1/webhook-endpoints/${created.id}`).expect(200);
  });
});

describe('webhook SSRF protection (private targets not allowed)', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startAuthApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
    owner = await signUpAndLogin(t, 'ssrf');
  });
  afterAll(async () => {
    await t.stop();
    await receiver.stop();
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://10.0.0.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://localhost:8080/hook',
    'https://api.localhost/hook',
    'http://[::1]/hook',
    'http://[fe80::1]/hook',
    'http://192.168.1.10/hook',
    'http://172.20.0.1/hook',
    'http://100.64.0.1/hook',
    'http://0.0.0.0/hook',
    'http://2130706433/hook',
    'http://[::ffff:127.0.0.1]/hook',
  ])('refuses %s at create with 422 webhook_target_not_allowed', async (target) => {
    const res = await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url: target, enabledEvents: ['*'] })
      .expect(422);
    expect(res.body).toMatchObject({
      code: 'webhook_target_not_allowed',
      errors: [expect.objectContaining({ field: 'url' })],
    });
  });

  it('refuses a private target on update too, and accepts a public address', async () => {
    const created = await asUser(t, owner)
      .post('/v1/webhook-endpoints', { url: 'https://93.184.216.34/hook', enabledEvents: ['*'] })
      .expect(201);
    const res = await asUser(t, owner)
      .patch(`/v1/webhook-endpoints/${created.body.id}`, { url: 'http://10.1.2.3/' })
      .expect(422);
    expect(res.body.code).toBe('webhook_target_not_allowed');
    await asUser(t, owner).delete(`/v1/webhook-endpoints/${created.body.id}`).expect(204);
  });

  it('refuses at delivery time the address actually connected to (literal IP and resolved name)', async () => {
    const targets = [`http://127.0.0.1:${receiver.port}/hooks`, `http://localhost:${receiver.port}/hooks`];
    const dataSource = t.app.get(DataSource);
    const endpointIds: string[] = [];
    for (const target of targets) {
      const created = await asUser(t, owner)
        .post('/v1/webhook-endpoints', {
          url: 'https://93.184.216.34/hook',
          enabledEvents: ['customer.created'],
        })
        .expect(201);
      // As if DNS had changed since the endpoint was checked (rebinding): the stored target is now internal.
      await dataSource.query('UPDATE webhook_endpoints SET url = $1 WHERE id = $2', [
        target,
        created.body.id,
      ]);
      endpointIds.push(created.body.id);
    }
    await createCustomer(t, owner);
    await t.drainJobs();
    for (const endpointId of endpointIds) {
      const deliveries = await asUser(t, owner)
        .get(`/v1/webhook-endpoints/${endpointId}/deliveries`)
        .expect(200);
      expect(deliveries.body.data).toHaveLength(1);
      const detail = await waitFor(async () => {
        const res = await asUser(t, owner).get(`/v1/webhook-deliveries/${deliveries.body.data[0].id}`);
        return res.body.attempts?.length ? res.body : undefined;
      });
      expect(detail.attempts[0]).toMatchObject({ succeeded: false, statusCode: null });
      expect(detail.attempts[0].error).toMatch(
        /refused: .*(127\.0\.0\.1|::1).*private, loopback or link-local/,
      );
      expect(detail.status).toBe('pending');
    }
    expect(receiver.received).toHaveLength(0);
  });
});
