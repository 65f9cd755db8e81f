import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Permission } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';

interface Org {
  user: SignedUpUser;
  key: string;
}

const DAY = 24 * 3600 * 1000;
const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
const txn = (label = 'tx') => `${label}-${randomBytes(6).toString('hex')}`;

describe('usage events (POST /v1/events, /v1/events/batch)', () => {
  let t: AuthTestApp;
  let db: DataSource;
  let alpha: Org;

  const post = (token: string, path: string, body: unknown) =>
    t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body as object);

  async function setUpOrg(label: string, customers: string[], metrics: object[]): Promise<Org> {
    const user = await signUpAndLogin(t, label);
    for (const externalId of customers)
      await post(user.accessToken, '/v1/customers', {
        externalId,
        name: `Customer ${externalId}`,
        billingEmails: [`${externalId}@example.test`],
        currency: 'EUR',
      }).expect(201);
    for (const metric of metrics) await post(user.accessToken, '/v1/billable-metrics', metric).expect(201);
    const key = await post(user.accessToken, '/v1/api-keys', {
      name: 'ingest',
      scopes: [Permission.UsageWrite],
    }).expect(201);
    return { user, key: key.body.secret as string };
  }

  const storedEvents = (orgId: string) =>
    db.query<
      {
        transaction_id: string;
        customer_id: string;
        metric_id: string;
        value: string | null;
        timestamp: Date;
      }[]
    >(
      `SELECT transaction_id, customer_id, metric_id, value, "timestamp" FROM usage_events WHERE org_id = $1 ORDER BY transaction_id`,
      [orgId],
    );

  const API_CALLS = { code: 'api_calls', name: 'API calls', aggregation: 'count' };
  const STORAGE = { code: 'storage_gb', name: 'Storage', aggregation: 'sum', fieldName: 'gb' };

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
    alpha = await setUpOrg('usage-alpha', ['cust_1', 'cust_2'], [API_CALLS, STORAGE]);
  });
  afterAll(() => t.stop());

  it('accepts one event (202), and answers a replay with another timestamp as a duplicate (200)', async () => {
    const transactionId = txn('single');
    const event = {
      transactionId,
      customerExternalId: 'cust_1',
      metricCode: 'storage_gb',
      properties: { gb: '2.5' },
    };
    const first = await post(alpha.key, '/v1/events', { ...event, timestamp: iso(-DAY) }).expect(202);
    expect(first.body).toEqual({ index: 0, transactionId, status: 'accepted' });

    const replay = await post(alpha.key, '/v1/events', { ...event, timestamp: iso(-2 * DAY) }).expect(200);
    expect(replay.body).toEqual({ index: 0, transactionId, status: 'duplicate' });

    const rows = (await storedEvents(alpha.user.orgId)).filter((r) => r.transaction_id === transactionId);
    expect(rows).toHaveLength(1);
    expect(rows[0].value).toBe('2.5');
    expect(Math.abs(new Date(rows[0].timestamp).getTime() - (Date.now() - DAY))).toBeLessThan(60_000);
  });

  it('answers a rejected single event with the reason as problem+json (422), a malformed one with 400', async () => {
    const unknown = await post(alpha.key, '/v1/events', {
      transactionId: txn(),
      customerExternalId: 'cust_1',
      metricCode: 'no_such_metric',
    }).expect(422);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 422, code: 'unknown_metric' });

    const malformed = await post(alpha.key, '/v1/events', {
      customerExternalId: 'cust_1',
      metricCode: 'api_calls',
    }).expect(400);
    expect(malformed.body).toMatchObject({ code: 'invalid_event', detail: 'transactionId is required.' });
  });

  it('accepts an event by subscriptionExternalId (stored under its customer), rejects unknown or both ids', async () => {
    const owner = alpha.user.accessToken;
    const plan = await post(owner, '/v1/plans', {
      code: 'sub_events_plan',
      name: 'Plan',
      currency: 'EUR',
      interval: 'month',
      baseFee: 1000,
      trialDays: 0,
      charges: [{ billableMetricCode: 'api_calls', model: 'standard', properties: { unitAmount: '0.10' } }],
    });
    expect(plan.status).toBe(201);
    const subscription = await post(owner, '/v1/subscriptions', {
      customerExternalId: 'cust_2',
      planId: plan.body.id,
      externalId: 'sub_ext_1',
    });
    expect(subscription.status).toBe(201);

    const accepted = txn('bysub');
    const single = await post(alpha.key, '/v1/events', {
      transactionId: accepted,
      subscriptionExternalId: 'sub_ext_1',
      metricCode: 'api_calls',
    }).expect(202);
    expect(single.body).toEqual({ index: 0, transactionId: accepted, status: 'accepted' });
    const [row] = (await storedEvents(alpha.user.orgId)).filter((r) => r.transaction_id === accepted);
    expect(row.customer_id).toBe(subscription.body.customerId);

    const unknown = await post(alpha.key, '/v1/events', {
      transactionId: txn(),
      subscriptionExternalId: 'no_such_subscription',
      metricCode: 'api_calls',
    }).expect(422);
    expect(unknown.body).toMatchObject({ status: 422, code: 'unknown_subscription' });

    const both = await post(alpha.key, '/v1/events', {
      transactionId: txn(),
      customerExternalId: 'cust_2',
      subscriptionExternalId: 'sub_ext_1',
      metricCode: 'api_calls',
    }).expect(400);
    expect(both.body).toMatchObject({
      code: 'invalid_event',
      detail: 'Give exactly one of customerExternalId and subscriptionExternalId.',
    });

    const ids = [txn('bysub0'), txn('bysub1'), txn('bysub2'), txn('bysub3')];
    const batch = await post(alpha.key, '/v1/events/batch', {
      events: [
        { transactionId: ids[0], subscriptionExternalId: 'sub_ext_1', metricCode: 'api_calls' },
        { transactionId: ids[1], subscriptionExternalId: 'sub_missing', metricCode: 'api_calls' },
        { transactionId: ids[2], metricCode: 'api_calls' },
        { transactionId: ids[3], customerExternalId: 'cust_1', metricCode: 'api_calls' },
      ],
    }).expect(200);
    expect(batch.body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual([
      'accepted',
      'unknown_subscription',
      'invalid_event',
      'accepted',
    ]);

    // Another organisation's subscription external ids are unknown.
    const gamma = await setUpOrg('usage-gamma', [], [API_CALLS]);
    const foreign = await post(gamma.key, '/v1/events', {
      transactionId: txn(),
      subscriptionExternalId: 'sub_ext_1',
      metricCode: 'api_calls',
    }).expect(422);
    expect(foreign.body.code).toBe('unknown_subscription');
  });

  it('answers a mixed batch item by item, in order, and stores the good events', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => txn(`mixed${i}`));
    const base = { customerExternalId: 'cust_1', metricCode: 'api_calls' };
    const events = [
      { ...base, transactionId: ids[0] },
      { ...base, transactionId: ids[1], metricCode: 'unknown_metric_code' },
      { ...base, transactionId: ids[2], customerExternalId: 'nobody' },
      { ...base, transactionId: ids[3], metricCode: 'storage_gb', properties: { gb: 'lots' } },
      { ...base, transactionId: ids[4], timestamp: iso(-36 * DAY) },
      { ...base, transactionId: ids[5], timestamp: iso(10 * 60_000) },
      { ...base, transactionId: ids[6], properties: { blob: 'x'.repeat(5000) } },
      {
        ...base,
        transactionId: ids[7],
        metricCode: 'storage_gb',
        properties: { gb: 3 },
        customerExternalId: 'cust_2',
      },
      { ...base, transactionId: ids[0] },
      {
        ...base,
        transactionId: ids[8],
        properties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
      },
      'not an event',
      { ...base, transactionId: ids[9], metricCode: 'storage_gb' },
    ];
    const res = await post(alpha.key, '/v1/events/batch', { events }).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 9 });
    const summary = res.body.results.map((r: { index: number; status: string; reason?: string }) => [
      r.index,
      r.status,
      r.reason,
    ]);
    expect(summary).toEqual([
      [0, 'accepted', undefined],
      [1, 'rejected', 'unknown_metric'],
      [2, 'rejected', 'unknown_customer'],
      [3, 'rejected', 'non_numeric_value'],
      [4, 'rejected', 'timestamp_too_old'],
      [5, 'rejected', 'timestamp_in_future'],
      [6, 'rejected', 'properties_too_large'],
      [7, 'accepted', undefined],
      [8, 'duplicate', undefined],
      [9, 'rejected', 'properties_too_large'],
      [10, 'rejected', 'invalid_event'],
      [11, 'rejected', 'non_numeric_value'],
    ]);
    expect(res.body.results[10].transactionId).toBeNull();
    expect(res.body.results[3].transactionId).toBe(ids[3]);

    const stored = (await storedEvents(alpha.user.orgId)).filter((r) => ids.includes(r.transaction_id));
    expect(stored.map((r) => r.transaction_id).sort()).toEqual([ids[0], ids[7]].sort());
    expect(stored.find((r) => r.transaction_id === ids[7])?.value).toBe('3');
    expect(stored.find((r) => r.transaction_id === ids[0])?.value).toBeNull();
  });

  it('refuses a batch of 1,001 events with a 413 problem, storing nothing', async () => {
    const prefix = txn('big');
    const events = Array.from({ length: 1001 }, (_, i) => ({
      transactionId: `${prefix}-${i}`,
      customerExternalId: 'cust_1',
      metricCode: 'api_calls',
    }));
    const res = await post(alpha.key, '/v1/events/batch', { events }).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, code: 'usage_batch_too_large' });
    expect(res.body.detail).toMatch(/at most 1000 events; this one has 1001/);
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM usage_event_keys WHERE org_id = $1 AND transaction_id LIKE $2`,
      [alpha.user.orgId, `${prefix}-%`],
    );
    expect(count).toBe(0);

    // 1,000 is fine.
    const ok = await post(alpha.key, '/v1/events/batch', { events: events.slice(0, 1000) }).expect(200);
    expect(ok.body.accepted).toBe(1000);
  });

  it('stores each event exactly once when 5 clients send the same batch at once', async () => {
    const prefix = txn('race');
    const events = Array.from({ length: 200 }, (_, i) => ({
      transactionId: `${prefix}-${i}`,
      customerExternalId: i % 2 ? 'cust_1' : 'cust_2',
      metricCode: i % 3 ? 'api_calls' : 'storage_gb',
      properties: { gb: i },
    }));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => post(alpha.key, '/v1/events/batch', { events })),
    );
    for (const res of responses) expect(res.status).toBe(200);
    expect(responses.reduce((sum, r) => sum + r.body.accepted, 0)).toBe(200);
    expect(responses.reduce((sum, r) => sum + r.body.duplicates, 0)).toBe(800);
    for (let i = 0; i < events.length; i++)
      expect(responses.filter((r) => r.body.results[i].status === 'accepted')).toHaveLength(1);

    const [{ events: eventRows, keys }] = await db.query<{ events: number; keys: number }[]>(
      `SELECT (SELECT count(*)::int FROM usage_events WHERE org_id = $1 AND transaction_id LIKE $2) AS events,
              (SELECT count(*)::int FROM usage_event_keys WHERE org_id = $1 AND transaction_id LIKE $2) AS keys`,
      [alpha.user.orgId, `${prefix}-%`],
    );
    expect({ eventRows, keys }).toEqual({ eventRows: 200, keys: 200 });
  });

  it('does not deadlock when overlapping batches arrive in opposite orders', async () => {
    const prefix = txn('order');
    const events = Array.from({ length: 300 }, (_, i) => ({
      transactionId: `${prefix}-${i}`,
      customerExternalId: 'cust_1',
      metricCode: 'api_calls',
    }));
    const reversed = [...events].reverse();
    const responses = await Promise.all(
      [events, reversed, events, reversed].map((batch) =>
        post(alpha.key, '/v1/events/batch', { events: batch }),
      ),
    );
    for (const res of responses) expect(res.status).toBe(200);
    expect(responses.reduce((sum, r) => sum + r.body.accepted, 0)).toBe(300);
  });

  it("never resolves another organisation's metric codes or customer external ids", async () => {
    const beta = await setUpOrg('usage-beta', ['cust_b'], [API_CALLS]);
    const ids = [txn('beta0'), txn('beta1'), txn('beta2')];
    const res = await post(beta.key, '/v1/events/batch', {
      events: [
        { transactionId: ids[0], customerExternalId: 'cust_1', metricCode: 'api_calls' },
        {
          transactionId: ids[1],
          customerExternalId: 'cust_b',
          metricCode: 'storage_gb',
          properties: { gb: 1 },
        },
        { transactionId: ids[2], customerExternalId: 'cust_b', metricCode: 'api_calls' },
      ],
    }).expect(200);
    expect(res.body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual([
      'unknown_customer',
      'unknown_metric',
      'accepted',
    ]);
    const betaRows = await storedEvents(beta.user.orgId);
    expect(betaRows.map((r) => r.transaction_id)).toEqual([ids[2]]);
    const [betaMetric] = await db.query<{ id: string }[]>(
      `SELECT id FROM billable_metrics WHERE org_id = $1 AND code = 'api_calls'`,
      [beta.user.orgId],
    );
    expect(betaRows[0].metric_id).toBe(betaMetric.id);
    const alphaRows = await storedEvents(alpha.user.orgId);
    expect(alphaRows.some((r) => ids.includes(r.transaction_id))).toBe(false);

    // The same transaction id in two organisations is two events.
    const shared = txn('shared');
    await post(alpha.key, '/v1/events', {
      transactionId: shared,
      customerExternalId: 'cust_1',
      metricCode: 'api_calls',
    }).expect(202);
    await post(beta.key, '/v1/events', {
      transactionId: shared,
      customerExternalId: 'cust_b',
      metricCode: 'api_calls',
    }).expect(202);
  });

  it('needs usage:write', async () => {
    const viewer = await addMember(t, alpha.user, 'viewer', 'usage-viewer');
    const res = await post(viewer.accessToken, '/v1/events', {
      transactionId: txn(),
      customerExternalId: 'cust_1',
      metricCode: 'api_calls',
    }).expect(403);
    expect(res.body.detail).toMatch(/usage:write/);
  });
});
