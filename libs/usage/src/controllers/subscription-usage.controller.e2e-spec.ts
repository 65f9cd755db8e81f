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

interface ChargeUsage {
  billableMetricCode: string;
  model: string;
  filters: { key: string; values: string[] }[];
  quantity: string;
  eventCount: number;
  amount: number;
  exactAmount: string;
  breakdown: { tier: number | null; units: string; amount: string; description: string }[];
}

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe('subscription usage (GET /v1/subscriptions/{id}/usage)', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let viewer: SignedUpUser;
  let subscription: { id: string; currentPeriodStart: string; currentPeriodEnd: string };
  let codes: Record<'calls' | 'storage' | 'peak' | 'users' | 'balance', string>;

  const post = (path: string, body: object, token = owner.accessToken) =>
    t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body);
  const get = (path: string, token = owner.accessToken) =>
    t
      .http()
      .get(path)
      .set(...bearer(token));

  const event = (customerExternalId: string, metricCode: string, offsetMs: number, properties = {}) => ({
    transactionId: uniqueRef('tx'),
    customerExternalId,
    metricCode,
    timestamp: at(offsetMs),
    properties,
  });

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'usage-q');
    viewer = await addMember(t, owner, 'viewer', 'usage-q-viewer');
    codes = {
      calls: uniqueRef('calls'),
      storage: uniqueRef('storage'),
      peak: uniqueRef('peak'),
      users: uniqueRef('users'),
      balance: uniqueRef('balance'),
    };
    const metrics = [
      { code: codes.calls, aggregation: 'count', filters: [{ key: 'region', values: ['eu', 'us', 'asia'] }] },
      { code: codes.storage, aggregation: 'sum', fieldName: 'gb' },
      { code: codes.peak, aggregation: 'max', fieldName: 'n' },
      { code: codes.users, aggregation: 'unique_count', fieldName: 'user_id' },
      { code: codes.balance, aggregation: 'latest', fieldName: 'level' },
    ];
    for (const metric of metrics)
      await post('/v1/billable-metrics', { name: 'Metric', ...metric }).expect(201);
    const plan = await post('/v1/plans', {
      code: uniqueRef('plan'),
      name: 'Usage plan',
      currency: 'EUR',
      interval: 'week',
      baseFee: 1000,
      trialDays: 0,
      charges: [
        {
          billableMetricCode: codes.calls,
          model: 'graduated',
          filters: [{ key: 'region', values: ['eu'] }],
          properties: {
            tiers: [
              { from: '0', upTo: '2', unitAmount: '1.00', flatAmount: '0' },
              { from: '2', upTo: null, unitAmount: '0.50', flatAmount: '2.00' },
            ],
          },
        },
        {
          billableMetricCode: codes.calls,
          model: 'standard',
          filters: [{ key: 'region', values: ['us'] }],
          properties: { unitAmount: '0.10' },
        },
        {
          billableMetricCode: codes.storage,
          model: 'package',
          properties: { amount: '5.00', packageSize: 10, freeUnits: 5 },
        },
        { billableMetricCode: codes.peak, model: 'standard', properties: { unitAmount: '1.00' } },
        { billableMetricCode: codes.users, model: 'standard', properties: { unitAmount: '2.00' } },
        { billableMetricCode: codes.balance, model: 'standard', properties: { unitAmount: '0.01' } },
      ],
    });
    if (plan.status !== 201) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
    const alice = await createCustomer(t, owner, { currency: 'EUR' });
    const bob = await createCustomer(t, owner, { currency: 'EUR' });
    // Weekly from 4 days ago: the current (first) period started 4 days ago, events of 5 days ago are before it.
    const created = await post('/v1/subscriptions', {
      customerId: alice.id,
      planId: plan.body.id,
      startDate: new Date(Math.floor((Date.now() - 4 * DAY) / 1000) * 1000).toISOString(),
    });
    if (created.status !== 201)
      throw new Error(`subscribe: ${created.status} ${JSON.stringify(created.body)}`);
    subscription = created.body;
    expect(Date.parse(subscription.currentPeriodStart)).toBeLessThan(Date.now() - 3 * DAY);
    expect(Date.parse(subscription.currentPeriodStart)).toBeGreaterThan(Date.now() - 5 * DAY);
    expect(Date.parse(subscription.currentPeriodEnd)).toBeGreaterThan(Date.now() + DAY);

    const a = alice.externalId!;
    const b = bob.externalId!;
    const events = [
      // In the period, Alice.
      ...['eu', 'eu', 'eu', 'eu', 'eu', 'us', 'us', 'us', 'asia', 'asia'].map((region, i) =>
        event(a, codes.calls, -HOUR * (i + 1), { region }),
      ),
      event(a, codes.calls, -HOUR, {}), // no region: in no filter group
      event(a, codes.storage, -2 * HOUR, { gb: 7 }),
      event(a, codes.storage, -3 * HOUR, { gb: '8.5' }),
      event(a, codes.storage, -4 * HOUR, { gb: 12 }),
      event(a, codes.peak, -2 * HOUR, { n: 3 }),
      event(a, codes.peak, -3 * HOUR, { n: 9 }),
      event(a, codes.peak, -4 * HOUR, { n: 4 }),
      ...['u1', 'u2', 'u1', 'u3'].map((user_id, i) => event(a, codes.users, -HOUR * (i + 1), { user_id })),
      event(a, codes.balance, -3 * HOUR, { level: 100 }),
      event(a, codes.balance, -2 * HOUR, { level: 40 }),
      event(a, codes.balance, -150 * 60 * 1000, { level: 70 }),
      // Before the current period, Alice: excluded.
      ...[1, 2, 3, 4].map(() => event(a, codes.calls, -5 * DAY, { region: 'eu' })),
      event(a, codes.storage, -5 * DAY, { gb: 100 }),
      event(a, codes.peak, -5 * DAY, { n: 50 }),
      event(a, codes.users, -5 * DAY, { user_id: 'u9' }),
      event(a, codes.balance, -5 * DAY, { level: 999 }),
      // In the period, another customer: excluded.
      ...[1, 2, 3, 4, 5, 6].map(() => event(b, codes.calls, -HOUR, { region: 'eu' })),
      event(b, codes.storage, -HOUR, { gb: 1000 }),
      event(b, codes.peak, -HOUR, { n: 500 }),
      event(b, codes.users, -HOUR, { user_id: 'u7' }),
      event(b, codes.balance, -30 * 60 * 1000, { level: 5000 }),
    ];
    const ingested = await post('/v1/events/batch', { events }).expect(200);
    expect(ingested.body.accepted).toBe(events.length);
  });
  afterAll(() => t.stop());

  it('aggregates the current period per charge and prices it with the tier breakdown', async () => {
    const res = await get(`/v1/subscriptions/${subscription.id}/usage`).expect(200);
    expect(res.body.subscriptionId).toBe(subscription.id);
    expect(res.body.period).toEqual({
      start: subscription.currentPeriodStart,
      end: subscription.currentPeriodEnd,
    });
    const charges = res.body.charges as ChargeUsage[];
    expect(
      charges.map((c) => [c.billableMetricCode, c.model, c.quantity, c.eventCount, c.amount, c.exactAmount]),
    ).toEqual([
      // graduated, region eu only: 2 × 1.00 + (3 × 0.50 + 2.00) = 5.50
      [codes.calls, 'graduated', '5', 5, 550, '5.5'],
      // standard, region us only: 3 × 0.10
      [codes.calls, 'standard', '3', 3, 30, '0.3'],
      // package: 27.5 GB, 5 free, 22.5 → 3 blocks of 10 × 5.00
      [codes.storage, 'package', '27.5', 3, 1500, '15'],
      // max 9 × 1.00
      [codes.peak, 'standard', '9', 3, 900, '9'],
      // 3 distinct users × 2.00
      [codes.users, 'standard', '3', 4, 600, '6'],
      // latest level (40, the newest event) × 0.01
      [codes.balance, 'standard', '40', 3, 40, '0.4'],
    ]);
    expect(charges[0].filters).toEqual([{ key: 'region', values: ['eu'] }]);
    expect(charges[0].breakdown.map((l) => [l.tier, l.units, l.amount])).toEqual([
      [0, '2', '2'],
      [1, '3', '3.5'],
    ]);
    expect(charges[2].breakdown.map((l) => l.description)).toEqual([
      'free units',
      '3 package(s) of 10 units for 22.5 units',
    ]);
    expect(res.body.total).toEqual({ currency: 'EUR', amount: 550 + 30 + 1500 + 900 + 600 + 40 });
  });

  it('is readable by a viewer', async () => {
    const res = await get(`/v1/subscriptions/${subscription.id}/usage`, viewer.accessToken).expect(200);
    expect(res.body.total.amount).toBe(3620);
  });

  it("is a 404 for another organisation's subscription and for an unknown one", async () => {
    const stranger = await signUpAndLogin(t, 'usage-q-other');
    const res = await get(`/v1/subscriptions/${subscription.id}/usage`, stranger.accessToken).expect(404);
    expect(res.body.code).toBe('subscription_not_found');
    await get('/v1/subscriptions/0190f2f0-0000-7000-8000-000000000000/usage').expect(404);
  });

  it('needs authentication', async () => {
    await t.http().get(`/v1/subscriptions/${subscription.id}/usage`).expect(401);
  });
});
