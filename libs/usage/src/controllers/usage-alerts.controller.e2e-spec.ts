import { DataSource } from 'typeorm';
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
import { runAlertEvaluations } from '../../../../test/kit/usage-test-kit';
import { SubscriptionsService } from '@app/subscriptions';
import { UsageAlertEvaluator } from '../alerts/usage-alert-evaluator';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

interface Subscribed {
  id: string;
  customerExternalId: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
}

describe('usage alerts (/v1/subscriptions/{id}/usage-alerts)', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let viewer: SignedUpUser;
  let planId: string;
  let codes: Record<'calls' | 'storage' | 'other', string>;

  const send = (method: 'post' | 'get' | 'patch' | 'delete', path: string, body?: object, token?: string) => {
    const req = t
      .http()
      [method](path)
      .set(...bearer(token ?? owner.accessToken));
    return body ? req.send(body) : req;
  };
  const alertsOf = (sub: Subscribed) => `/v1/subscriptions/${sub.id}/usage-alerts`;
  const createAlert = async (sub: Subscribed, body: object) => {
    const res = await send('post', alertsOf(sub), body);
    if (res.status !== 201) throw new Error(`alert: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; lastTriggeredAt: string | null };
  };
  const ingest = async (
    sub: Subscribed,
    metricCode: string,
    n: number,
    offsetMs = -HOUR,
    properties = {},
  ) => {
    const events = Array.from({ length: n }, () => ({
      transactionId: uniqueRef('tx'),
      customerExternalId: sub.customerExternalId,
      metricCode,
      timestamp: at(offsetMs),
      properties,
    }));
    const res = await send('post', '/v1/events/batch', { events }).expect(200);
    expect(res.body.accepted).toBe(n);
  };
  const subscribe = async (startedDaysAgo: number): Promise<Subscribed> => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const res = await send('post', '/v1/subscriptions', {
      customerId: customer.id,
      planId,
      startDate: new Date(Math.floor((Date.now() - startedDaysAgo * DAY) / 1000) * 1000).toISOString(),
    });
    if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, customerExternalId: customer.externalId! };
  };
  const outboxCount = async (jobName: string, key: string, value: string): Promise<number> => {
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = $1 AND payload ->> $2 = $3`, [
        jobName,
        key,
        value,
      ]);
    return row.n;
  };
  const alertState = async (sub: Subscribed, id: string) =>
    (await send('get', `${alertsOf(sub)}/${id}`).expect(200)).body;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'alerts');
    viewer = await addMember(t, owner, 'viewer', 'alerts-viewer');
    codes = { calls: uniqueRef('calls'), storage: uniqueRef('storage'), other: uniqueRef('other') };
    const metrics = [
      { code: codes.calls, aggregation: 'count', filters: [{ key: 'region', values: ['eu', 'us'] }] },
      { code: codes.storage, aggregation: 'sum', fieldName: 'gb' },
      { code: codes.other, aggregation: 'count' },
    ];
    for (const metric of metrics)
      await send('post', '/v1/billable-metrics', { name: 'Metric', ...metric }).expect(201);
    const plan = await send('post', '/v1/plans', {
      code: uniqueRef('plan'),
      name: 'Alerts plan',
      currency: 'EUR',
      interval: 'week',
      baseFee: 1000,
      trialDays: 0,
      charges: [
        {
          billableMetricCode: codes.calls,
          model: 'standard',
          filters: [{ key: 'region', values: ['eu'] }],
          properties: { unitAmount: '1.00' },
        },
        {
          billableMetricCode: codes.calls,
          model: 'standard',
          filters: [{ key: 'region', values: ['us'] }],
          properties: { unitAmount: '0.10' },
        },
        { billableMetricCode: codes.storage, model: 'standard', properties: { unitAmount: '0.50' } },
      ],
    });
    if (plan.status !== 201) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
    planId = plan.body.id;
  });
  afterAll(() => t.stop());

  it('creates, lists, reads, updates and deletes an alert', async () => {
    const sub = await subscribe(4);
    const created = await send('post', alertsOf(sub), {
      kind: 'usage_threshold',
      metricCode: codes.calls,
      threshold: '100.50',
      name: 'Many calls',
      filters: [{ key: 'region', values: ['eu'] }],
    }).expect(201);
    expect(created.body).toMatchObject({
      subscriptionId: sub.id,
      metricCode: codes.calls,
      kind: 'usage_threshold',
      threshold: '100.5',
      name: 'Many calls',
      filters: [{ key: 'region', values: ['eu'] }],
      lastTriggeredAt: null,
      triggeredForPeriod: null,
    });
    const id = created.body.id as string;
    await createAlert(sub, { kind: 'spike', metricCode: codes.storage, threshold: '2' });

    const list = await send('get', `${alertsOf(sub)}?limit=1`, undefined, viewer.accessToken).expect(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.hasMore).toBe(true);
    const next = await send('get', `${alertsOf(sub)}?limit=1&cursor=${list.body.nextCursor}`).expect(200);
    expect(next.body.data.map((a: { id: string }) => a.id)).toEqual([id]);

    const updated = await send('patch', `${alertsOf(sub)}/${id}`, { threshold: '200', name: 'More' }).expect(
      200,
    );
    expect(updated.body).toMatchObject({ id, threshold: '200', name: 'More', kind: 'usage_threshold' });
    expect((await alertState(sub, id)).threshold).toBe('200');

    await send('delete', `${alertsOf(sub)}/${id}`).expect(204);
    const gone = await send('get', `${alertsOf(sub)}/${id}`).expect(404);
    expect(gone.body.code).toBe('usage_alert_not_found');
  });

  it('refuses bad input with a 422 naming the field, and other organisations with a 404', async () => {
    const sub = await subscribe(4);
    const expectProblem = async (body: object, status: number, code: string, field?: string) => {
      const res = await send('post', alertsOf(sub), body).expect(status);
      expect(res.body.code).toBe(code);
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    const base = { kind: 'usage_threshold', metricCode: codes.calls, threshold: '10' };
    await expectProblem({ ...base, metricCode: 'no_such_metric' }, 422, 'invalid_usage_alert', 'metricCode');
    await expectProblem({ ...base, metricCode: codes.other }, 422, 'metric_not_in_plan', 'metricCode');
    await expectProblem({ ...base, threshold: '0' }, 422, 'invalid_usage_alert', 'threshold');
    await expectProblem({ ...base, threshold: 'lots' }, 422, 'invalid_usage_alert', 'threshold');
    await expectProblem({ ...base, kind: 'spike', threshold: '1' }, 422, 'invalid_usage_alert', 'threshold');
    await expectProblem(
      { ...base, kind: 'cost_threshold', threshold: '12.5' },
      422,
      'invalid_usage_alert',
      'threshold',
    );
    await expectProblem(
      { ...base, filters: [{ key: 'region', values: ['mars'] }] },
      422,
      'invalid_usage_alert',
      'filters',
    );
    await expectProblem(
      { ...base, metricCode: codes.storage, filters: [{ key: 'region', values: ['eu'] }] },
      422,
      'invalid_usage_alert',
      'filters',
    );
    await expectProblem({ ...base, kind: 'loud' }, 400, 'validation_failed');
    await expectProblem({ ...base, threshold: 10 }, 400, 'validation_failed');

    const alert = await createAlert(sub, base);
    const patched = await send('patch', `${alertsOf(sub)}/${alert.id}`, { threshold: '-1' }).expect(422);
    expect(patched.body.code).toBe('invalid_usage_alert');

    await send('post', alertsOf(sub), base, viewer.accessToken).expect(403);
    const stranger = await signUpAndLogin(t, 'alerts-other');
    for (const [method, path] of [
      ['get', alertsOf(sub)],
      ['get', `${alertsOf(sub)}/${alert.id}`],
      ['delete', `${alertsOf(sub)}/${alert.id}`],
    ] as const) {
      const res = await send(method, path, undefined, stranger.accessToken).expect(404);
      expect(res.body.code).toBe('subscription_not_found');
    }
    const res = await send('post', alertsOf(sub), base, stranger.accessToken).expect(404);
    expect(res.body.code).toBe('subscription_not_found');
    expect((await alertState(sub, alert.id)).id).toBe(alert.id);
  });

  it('fires a usage threshold exactly once per period, however many batches and evaluations follow', async () => {
    const sub = await subscribe(4);
    const alert = await createAlert(sub, {
      kind: 'usage_threshold',
      metricCode: codes.calls,
      threshold: '3',
    });
    await ingest(sub, codes.calls, 2);
    await runAlertEvaluations(t);
    expect((await alertState(sub, alert.id)).lastTriggeredAt).toBeNull();

    await ingest(sub, codes.calls, 2);
    await runAlertEvaluations(t);
    const fired = await alertState(sub, alert.id);
    expect(fired.lastTriggeredAt).not.toBeNull();
    expect(fired.triggeredForPeriod).toEqual({ start: sub.currentPeriodStart, end: sub.currentPeriodEnd });

    await ingest(sub, codes.calls, 5);
    await runAlertEvaluations(t);
    const evaluator = t.app.get(UsageAlertEvaluator);
    expect(await evaluator.evaluate(owner.orgId, sub.id)).toBe(0);
    expect((await alertState(sub, alert.id)).lastTriggeredAt).toBe(fired.lastTriggeredAt);
    expect(await outboxCount('usage.alert_triggered', 'alertId', alert.id)).toBe(1);
    const [payload] = await t.app
      .get(DataSource)
      .query(
        `SELECT payload FROM outbox WHERE job_name = 'usage.alert_triggered' AND payload ->> 'alertId' = $1`,
        [alert.id],
      );
    expect(payload.payload).toMatchObject({
      subscriptionId: sub.id,
      kind: 'usage_threshold',
      threshold: '3',
      observed: '4',
      metricCode: codes.calls,
      periodStart: sub.currentPeriodStart,
    });
  }, 60_000);

  it('fires a cost threshold from the priced usage of its filter group', async () => {
    const sub = await subscribe(4);
    const alert = await createAlert(sub, {
      kind: 'cost_threshold',
      metricCode: codes.calls,
      threshold: '500',
      filters: [{ key: 'region', values: ['eu'] }],
    });
    // 4 × 1.00 in the eu group; the us group (20 × 0.10) is another charge: 400 < 500.
    await ingest(sub, codes.calls, 4, -HOUR, { region: 'eu' });
    await ingest(sub, codes.calls, 20, -HOUR, { region: 'us' });
    await runAlertEvaluations(t);
    expect((await alertState(sub, alert.id)).lastTriggeredAt).toBeNull();

    await ingest(sub, codes.calls, 1, -HOUR, { region: 'eu' });
    await runAlertEvaluations(t);
    expect((await alertState(sub, alert.id)).lastTriggeredAt).not.toBeNull();
    const [row] = await t.app
      .get(DataSource)
      .query(
        `SELECT payload FROM outbox WHERE job_name = 'usage.alert_triggered' AND payload ->> 'alertId' = $1`,
        [alert.id],
      );
    expect(row.payload).toMatchObject({ kind: 'cost_threshold', threshold: '500', observed: '500' });
  }, 60_000);

  it('fires a spike only against usage of the previous period', async () => {
    // Weekly from 10 days ago: the current period started 3 days ago, the previous one 10 days ago.
    const spiking = await subscribe(10);
    const quiet = await subscribe(10);
    const firstPeriod = await subscribe(2);
    // A subscription starts in the period of its start date; the scheduled job moves it to today's.
    await t.app.get(SubscriptionsService).advanceDue();
    const spike = { kind: 'spike', metricCode: codes.storage, threshold: '1.5' };
    const alerts = {
      spiking: await createAlert(spiking, spike),
      quiet: await createAlert(quiet, spike),
      firstPeriod: await createAlert(firstPeriod, spike),
    };
    await ingest(spiking, codes.storage, 2, -5 * DAY, { gb: 1 });
    await ingest(spiking, codes.storage, 2, -HOUR, { gb: 1 });
    await ingest(quiet, codes.storage, 50, -HOUR, { gb: 1 });
    await ingest(firstPeriod, codes.storage, 50, -HOUR, { gb: 1 });
    await runAlertEvaluations(t);
    expect((await alertState(spiking, alerts.spiking.id)).lastTriggeredAt).toBeNull();

    await ingest(spiking, codes.storage, 1, -HOUR, { gb: 1 });
    await runAlertEvaluations(t);
    expect((await alertState(spiking, alerts.spiking.id)).lastTriggeredAt).not.toBeNull();
    expect((await alertState(quiet, alerts.quiet.id)).lastTriggeredAt).toBeNull();
    expect((await alertState(firstPeriod, alerts.firstPeriod.id)).lastTriggeredAt).toBeNull();
    const [row] = await t.app
      .get(DataSource)
      .query(
        `SELECT payload FROM outbox WHERE job_name = 'usage.alert_triggered' AND payload ->> 'alertId' = $1`,
        [alerts.spiking.id],
      );
    expect(row.payload).toMatchObject({ kind: 'spike', threshold: '1.5', observed: '1.5' });
  }, 60_000);

  it('enqueues one debounced evaluation per watched subscription per batch, not per event', async () => {
    const watched = await subscribe(4);
    const unwatched = await subscribe(4);
    await createAlert(watched, { kind: 'usage_threshold', metricCode: codes.calls, threshold: '1000' });
    const before = await outboxCount('usage.evaluate-alerts', 'subscriptionId', watched.id);
    await ingest(watched, codes.calls, 50);
    await ingest(unwatched, codes.calls, 50);
    expect(await outboxCount('usage.evaluate-alerts', 'subscriptionId', watched.id)).toBe(before + 1);
    expect(await outboxCount('usage.evaluate-alerts', 'subscriptionId', unwatched.id)).toBe(0);
    const [row] = await t.app
      .get(DataSource)
      .query(
        `SELECT options FROM outbox WHERE job_name = 'usage.evaluate-alerts' AND payload ->> 'subscriptionId' = $1 ORDER BY id DESC LIMIT 1`,
        [watched.id],
      );
    expect(row.options.delayMs).toBe(5000);
    expect(row.options.jobId).toMatch(new RegExp(`^usage-alerts:[0-9a-f-]+:${watched.id}\\.\\d+$`));
  });
});
