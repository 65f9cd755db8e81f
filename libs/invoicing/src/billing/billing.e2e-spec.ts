import { DataSource } from 'typeorm';
import { SubscriptionsService } from '@app/subscriptions';
import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
  uniqueRef,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { InvoiceBody, wholeSecondsAgo } from '../../../../test/kit/invoicing-test-kit';
import { BillingRunsService } from './billing-runs.service';
import { GraceDraftsFinalizer } from './grace-drafts.finalizer';

const DAY = 86_400_000;

interface CycleBody {
  id: string;
  subscriptionId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  invoiceId: string | null;
  boundary: string;
}

describe('billing runs', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let db: DataSource;
  let metricCode: string;
  let planCode: string;

  const post = (path: string, body: object = {}) =>
    t
      .http()
      .post(path)
      .set(...bearer(owner.accessToken))
      .send(body);
  const get = (path: string) =>
    t
      .http()
      .get(path)
      .set(...bearer(owner.accessToken));

  /** A weekly subscription that started 10 days ago (one period ended 3 days ago) with `events` API calls in it. */
  const subscribe = async (events: number) => {
    const customer = await createCustomer(t, owner, { currency: 'USD' });
    const res = await post('/v1/subscriptions', {
      customerId: customer.id,
      planCode,
      startDate: wholeSecondsAgo(10 * DAY).toISOString(),
    }).expect(201);
    if (events > 0) {
      const batch = Array.from({ length: events }, () => ({
        transactionId: uniqueRef('tx'),
        customerExternalId: customer.externalId,
        metricCode,
        timestamp: wholeSecondsAgo(5 * DAY).toISOString(),
      }));
      const ingested = await post('/v1/events/batch', { events: batch }).expect(200);
      expect(ingested.body.accepted).toBe(events);
    }
    return res.body as { id: string; customerId: string };
  };

  /** Ends due periods, records the cycles, runs the billing and every job it causes. */
  const bill = async () => {
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    const run = await t.app.get(BillingRunsService).start('manual');
    await t.drainJobs();
    return run;
  };

  const invoicesOf = async (subscriptionId: string): Promise<InvoiceBody[]> => {
    const res = await get(`/v1/invoices?subscriptionId=${subscriptionId}&limit=100`).expect(200);
    const details = await Promise.all(
      (res.body.data as { id: string }[]).map(
        async (i) => (await get(`/v1/invoices/${i.id}`).expect(200)).body,
      ),
    );
    return (details as InvoiceBody[]).sort((a, b) =>
      String(a.billingBoundary).localeCompare(String(b.billingBoundary)),
    );
  };

  const cyclesOf = async (subscriptionId: string): Promise<CycleBody[]> =>
    (await get(`/v1/billing/cycles?subscriptionId=${subscriptionId}`).expect(200)).body.data;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'billing');
    db = t.app.get(DataSource);
    metricCode = uniqueRef('calls');
    planCode = uniqueRef('weekly');
    await post('/v1/billable-metrics', { code: metricCode, name: 'API calls', aggregation: 'count' }).expect(
      201,
    );
    await post('/v1/plans', {
      code: planCode,
      name: 'Weekly',
      currency: 'USD',
      interval: 'week',
      baseFee: 4900,
      trialDays: 0,
      charges: [{ billableMetricCode: metricCode, model: 'standard', properties: { unitAmount: '0.25' } }],
    }).expect(201);
  });

  afterAll(() => t.stop());

  it('bills the first fee at the start, then usage in arrears with the next fee in advance', async () => {
    const subscription = await subscribe(6);
    const run = await bill();
    const [first, second] = await invoicesOf(subscription.id);
    expect(first.status).toBe('open');
    expect(first.lines.map((l) => [l.kind, l.amount])).toEqual([['subscription_fee', 4900]]);
    expect(second.status).toBe('open');
    expect(second.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ['usage_charge', '6', 150],
      ['subscription_fee', '1', 4900],
    ]);
    expect(second.total).toBe(5050);
    expect(second.number).toMatch(/^INV-\d{4}-\d{6}$/);

    const report = (await get(`/v1/billing/runs/${run.id}`).expect(200)).body;
    expect(report.counts).toMatchObject({ cycles: 2, invoiced: 2, failed: 0, pending: 0 });
    expect(report.finishedAt).not.toBeNull();
  });

  it('creates nothing twice: a second run, concurrent runs and concurrent bills of one cycle', async () => {
    const subscription = await subscribe(2);
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    const cycles = await cyclesOf(subscription.id);
    expect(cycles).toHaveLength(2);
    const runs = t.app.get(BillingRunsService);
    // Three workers racing for the same cycle: exactly one bills it.
    const outcomes = await Promise.all([1, 2, 3].map(() => runs.billOne(cycles[0].id)));
    expect(outcomes.filter((o) => o === 'invoiced')).toHaveLength(1);
    // Two runs at once claim disjoint sets of cycles; a third one later finds nothing left of this subscription.
    await Promise.all([runs.start('manual'), runs.start('manual')]);
    await t.drainJobs();
    await bill();
    expect((await cyclesOf(subscription.id)).map((c) => c.status)).toEqual(['invoiced', 'invoiced']);
    expect(await invoicesOf(subscription.id)).toHaveLength(2);
    // The database refuses a second invoice for the same subscription and boundary.
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM invoices WHERE subscription_id = $1 GROUP BY billing_boundary ORDER BY 1 DESC LIMIT 1`,
      [subscription.id],
    );
    expect(count).toBe(1);
  });

  it('re-claims the cycles of a run whose worker died, and bills them once', async () => {
    const subscription = await subscribe(1);
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    // As if a run had claimed the cycles and its worker died before billing them.
    await db.query(
      `UPDATE billing_cycles SET run_id = gen_random_uuid(), claimed_until = now() - interval '1 minute'
        WHERE subscription_id = $1`,
      [subscription.id],
    );
    await bill();
    expect((await cyclesOf(subscription.id)).map((c) => c.status)).toEqual(['invoiced', 'invoiced']);
    expect(await invoicesOf(subscription.id)).toHaveLength(2);
  });

  it('records a failing subscription without stopping the others, lists it, and retries it', async () => {
    const failing = await subscribe(1);
    const healthy = await subscribe(1);
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    const [{ closed_plan_id: planId }] = await db.query(
      `SELECT closed_plan_id FROM billing_cycles WHERE subscription_id = $1 AND closed_plan_id IS NOT NULL`,
      [failing.id],
    );
    await db.query(
      `UPDATE billing_cycles SET closed_plan_id = gen_random_uuid() WHERE subscription_id = $1 AND closed_plan_id IS NOT NULL`,
      [failing.id],
    );
    await bill();
    expect((await cyclesOf(healthy.id)).every((c) => c.status === 'invoiced')).toBe(true);

    const failures = (await get('/v1/billing/cycles?failing=true').expect(200)).body.data as CycleBody[];
    const failure = failures.find((c) => c.subscriptionId === failing.id);
    expect(failure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failure?.lastError).toMatch(/plan/i);

    await db.query(`UPDATE billing_cycles SET closed_plan_id = $2 WHERE id = $1`, [failure?.id, planId]);
    const retried = (await post(`/v1/billing/cycles/${failure?.id}/retry`).expect(200)).body as CycleBody;
    expect(retried).toMatchObject({ status: 'invoiced', lastError: null });
    await post(`/v1/billing/cycles/${failure?.id}/retry`).expect(409);
  });

  it('leaves drafts for the grace period, then finalizes them', async () => {
    await t
      .http()
      .put('/v1/invoicing/settings')
      .set(...bearer(owner.accessToken))
      .send({ draftGraceHours: 2 })
      .expect(200);
    try {
      const subscription = await subscribe(0);
      await bill();
      const cycles = await cyclesOf(subscription.id);
      expect(cycles.map((c) => c.status)).toEqual(['awaiting_finalization', 'awaiting_finalization']);
      expect((await invoicesOf(subscription.id)).map((i) => i.status)).toEqual(['draft', 'draft']);
      await t.app.get(GraceDraftsFinalizer).finalizeDue(new Date(Date.now() + 3 * 3_600_000));
      expect((await invoicesOf(subscription.id)).map((i) => i.status)).toEqual(['open', 'open']);
      expect((await cyclesOf(subscription.id)).map((c) => c.status)).toEqual(['invoiced', 'invoiced']);
    } finally {
      await t
        .http()
        .put('/v1/invoicing/settings')
        .set(...bearer(owner.accessToken))
        .send({ draftGraceHours: 0 })
        .expect(200);
    }
  });

  it('bills one subscription now, and says when there is nothing to bill', async () => {
    const subscription = await subscribe(3);
    // The first fee in advance is due from the start (once the creation event is recorded).
    await t.drainJobs();
    const first = (await post(`/v1/subscriptions/${subscription.id}/bill-now`).expect(200))
      .body as CycleBody[];
    expect(first.map((c) => c.status)).toEqual(['invoiced']);
    await post(`/v1/subscriptions/${subscription.id}/bill-now`).expect(409);
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    const billed = (await post(`/v1/subscriptions/${subscription.id}/bill-now`).expect(200))
      .body as CycleBody[];
    expect(billed.map((c) => c.status)).toEqual(['invoiced']);
    expect(await invoicesOf(subscription.id)).toHaveLength(2);
    await post(`/v1/subscriptions/${subscription.id}/bill-now`).expect(409);
  });

  it('puts the prorations of a plan change on the next invoice', async () => {
    const subscription = await subscribe(0);
    const upgrade = uniqueRef('weekly_plus');
    await post('/v1/plans', {
      code: upgrade,
      name: 'Weekly plus',
      currency: 'USD',
      interval: 'week',
      baseFee: 9900,
      trialDays: 0,
    }).expect(201);
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    await post(`/v1/subscriptions/${subscription.id}/change-plan`, {
      planCode: upgrade,
      effective: 'now',
    }).expect(200);
    await t.drainJobs();
    // The clock of the code that ends periods (milliseconds), not Postgres's now() (microseconds, which can be
    // a fraction of a millisecond after it).
    await db.query(`UPDATE subscriptions SET current_period_end = $2 WHERE id = $1`, [
      subscription.id,
      new Date(),
    ]);
    await bill();
    const invoices = await invoicesOf(subscription.id);
    const last = invoices[invoices.length - 1];
    const prorations = last.lines.filter((l) => l.kind === 'proration');
    expect(prorations).toHaveLength(2);
    // Only the billing point after the change carries them, even when earlier ones are billed in the same run.
    expect(invoices.slice(0, -1).some((i) => i.lines.some((l) => l.kind === 'proration'))).toBe(false);
    expect(prorations.some((l) => l.amount < 0) && prorations.some((l) => l.amount > 0)).toBe(true);
  });

  it('answers 404 to another organisation', async () => {
    const other = await signUpAndLogin(t, 'billing-other');
    const subscription = await subscribe(0);
    await t
      .http()
      .post(`/v1/subscriptions/${subscription.id}/bill-now`)
      .set(...bearer(other.accessToken))
      .expect(404);
  });
});
