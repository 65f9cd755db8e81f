import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
  uniqueRef,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';

const DAY = 24 * 3600 * 1000;

describe('ingestion settings (/v1/usage/settings) and the batch body limit', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let metricCode: string;
  let customerExternalId: string;

  const auth = (token = owner.accessToken) => bearer(token);
  const event = (offsetMs: number, properties: Record<string, unknown> = {}) => ({
    transactionId: uniqueRef('tx'),
    customerExternalId,
    metricCode,
    timestamp: new Date(Date.now() + offsetMs).toISOString(),
    properties,
  });
  const postEvent = (body: object) =>
    t
      .http()
      .post('/v1/events')
      .set(...auth())
      .send(body);
  const putSettings = (body: object, token?: string) =>
    t
      .http()
      .put('/v1/usage/settings')
      .set(...auth(token))
      .send(body);

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'usage-settings');
    metricCode = uniqueRef('calls');
    await t
      .http()
      .post('/v1/billable-metrics')
      .set(...auth())
      .send({ code: metricCode, name: 'Calls', aggregation: 'count' })
      .expect(201);
    customerExternalId = (await createCustomer(t, owner)).externalId!;
  });
  afterAll(() => t.stop());

  it('answers the defaults, then applies a widened and a narrowed window to ingestion at once', async () => {
    const defaults = await t
      .http()
      .get('/v1/usage/settings')
      .set(...auth())
      .expect(200);
    expect(defaults.body).toEqual({ maxAgeSeconds: 35 * 86_400, maxFutureSeconds: 300, customized: false });
    const tooOld = await postEvent(event(-40 * DAY)).expect(422);
    expect(tooOld.body.code).toBe('timestamp_too_old');

    const widened = await putSettings({ maxAgeSeconds: 45 * 86_400, maxFutureSeconds: 3600 }).expect(200);
    expect(widened.body).toEqual({ maxAgeSeconds: 45 * 86_400, maxFutureSeconds: 3600, customized: true });
    await postEvent(event(-40 * DAY)).expect(202);
    await postEvent(event(30 * 60 * 1000)).expect(202);

    await putSettings({ maxAgeSeconds: 86_400, maxFutureSeconds: 0 }).expect(200);
    const narrowed = await postEvent(event(-2 * DAY)).expect(422);
    expect(narrowed.body).toMatchObject({
      code: 'timestamp_too_old',
      detail: 'timestamp is more than 1 day old.',
    });
    const ahead = await postEvent(event(60 * 1000)).expect(422);
    expect(ahead.body.code).toBe('timestamp_in_future');
    await postEvent(event(-3600 * 1000)).expect(202);

    // Another organisation keeps the defaults.
    const other = await signUpAndLogin(t, 'usage-settings-other');
    const theirs = await t
      .http()
      .get('/v1/usage/settings')
      .set(...auth(other.accessToken))
      .expect(200);
    expect(theirs.body.customized).toBe(false);
  });

  it.each([
    [{ maxAgeSeconds: 3599, maxFutureSeconds: 0 }, 422, 'maxAgeSeconds'],
    [{ maxAgeSeconds: 401 * 86_400, maxFutureSeconds: 0 }, 422, 'maxAgeSeconds'],
    [{ maxAgeSeconds: 3600, maxFutureSeconds: -1 }, 422, 'maxFutureSeconds'],
    [{ maxAgeSeconds: 3600, maxFutureSeconds: 86_401 }, 422, 'maxFutureSeconds'],
    [{ maxAgeSeconds: 'long', maxFutureSeconds: 0 }, 400, 'maxAgeSeconds'],
    [{ maxAgeSeconds: 3600 }, 400, 'maxFutureSeconds'],
  ])('refuses %j with a %i naming %s', async (body, status, field) => {
    const res = await putSettings(body).expect(status);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    if (status === 422) expect(res.body.code).toBe('invalid_usage_settings');
  });

  it('needs usage:write to change the settings', async () => {
    const viewer = await addMember(t, owner, 'viewer', 'usage-settings-viewer');
    await t
      .http()
      .get('/v1/usage/settings')
      .set(...auth(viewer.accessToken))
      .expect(200);
    await putSettings({ maxAgeSeconds: 3600, maxFutureSeconds: 0 }, viewer.accessToken).expect(403);
  });

  it('accepts a batch body over the global 1 MiB limit, up to its own 8 MiB', async () => {
    const filler = 'x'.repeat(2000);
    const events = Array.from({ length: 1000 }, () => event(-60 * 1000, { filler }));
    const body = JSON.stringify({ events });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    const res = await t
      .http()
      .post('/v1/events/batch')
      .set(...auth())
      .set('content-type', 'application/json')
      .send(body)
      .expect(200);
    expect(res.body.accepted).toBe(1000);

    const huge = JSON.stringify({ events: [event(0, { filler: 'x'.repeat(9 * 1024 * 1024) })] });
    const tooLarge = await t
      .http()
      .post('/v1/events/batch')
      .set(...auth())
      .set('content-type', 'application/json')
      .send(huge)
      .expect(413);
    expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooLarge.body.code).toBe('payload_too_large');
  });

  it('keeps the global limit on every other route, /v1/events included', async () => {
    const big = JSON.stringify({ ...event(0), properties: { filler: 'x'.repeat(2 * 1024 * 1024) } });
    for (const path of ['/v1/events', '/v1/customers']) {
      const res = await t
        .http()
        .post(path)
        .set(...auth())
        .set('content-type', 'application/json')
        .send(big)
        .expect(413);
      expect(res.body.code).toBe('payload_too_large');
    }
  });
});
