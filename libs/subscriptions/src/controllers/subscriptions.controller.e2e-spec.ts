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
import { DataSource } from 'typeorm';
import { SubscriptionsService } from '../services/subscriptions.service';

interface SubscriptionBody {
  id: string;
  planId: string;
  status: string;
  currentPeriodEnd: string;
  [key: string]: unknown;
}

const DAY = 86_400_000;
/** Whole seconds, so instants round-trip exactly through the API. */
const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

describe('subscriptions', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let viewer: SignedUpUser;
  let eurCustomer: { id: string; externalId: string | null };
  let usdCustomer: { id: string };

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

  const plan = async (overrides: object = {}) => {
    const body = {
      code: uniqueRef('plan'),
      name: 'Plan',
      currency: 'EUR',
      interval: 'week',
      baseFee: 1000,
      trialDays: 0,
      ...overrides,
    };
    const res = await post('/v1/plans', body).expect(201);
    return res.body as { id: string; code: string };
  };
  const subscribe = async (body: object) => {
    const res = await post(
      '/v1/subscriptions',
      JSON.parse(JSON.stringify({ customerId: eurCustomer.id, ...body })),
    );
    if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as SubscriptionBody;
  };

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'subs');
    viewer = await addMember(t, owner, 'viewer', 'subs-viewer');
    eurCustomer = await createCustomer(t, owner, { currency: 'EUR', timezone: 'Europe/Berlin' });
    usdCustomer = await createCustomer(t, owner, { currency: 'USD' });
  });
  afterAll(() => t.stop());

  describe('create', () => {
    it('starts a trial from the plan, in the customer time zone, with the first period from the anchor', async () => {
      const monthly = await plan({ interval: 'month', trialDays: 14 });
      const s = await subscribe({
        customerId: undefined,
        customerExternalId: eurCustomer.externalId,
        planCode: monthly.code,
        startDate: '2030-01-31T00:00:00+01:00',
        externalId: uniqueRef('sub'),
      });
      expect(s).toMatchObject({
        customerId: eurCustomer.id,
        planId: monthly.id,
        planCode: monthly.code,
        currency: 'EUR',
        status: 'trialing',
        timezone: 'Europe/Berlin',
        interval: 'month',
        startedAt: '2030-01-30T23:00:00.000Z',
        billingAnchor: '2030-01-30T23:00:00.000Z',
        trialEndsAt: '2030-02-13T23:00:00.000Z',
        currentPeriodStart: '2030-01-30T23:00:00.000Z',
        currentPeriodEnd: '2030-02-27T23:00:00.000Z', // Feb 28, local midnight
        cancelAtPeriodEnd: false,
        pendingPlanChange: null,
      });
      await get(`/v1/subscriptions/${s.id}`).expect(200, s);
    });

    it('is active without trial days, and trial days can be overridden', async () => {
      const p = await plan({ trialDays: 30 });
      expect((await subscribe({ planCode: p.code, trialDays: 0 })).status).toBe('active');
      expect((await subscribe({ planId: p.id })).status).toBe('trialing');
    });

    it('refuses a plan in another currency with a 422 naming the field', async () => {
      const p = await plan();
      const res = await post('/v1/subscriptions', { customerId: usdCustomer.id, planCode: p.code }).expect(
        422,
      );
      expect(res.body).toMatchObject({ code: 'currency_mismatch', errors: [{ field: 'planCode' }] });
    });

    it('refuses an unknown plan or customer with a 422 naming the field', async () => {
      const p = await plan();
      const noPlan = await post('/v1/subscriptions', { customerId: eurCustomer.id, planCode: 'nope' }).expect(
        422,
      );
      expect(noPlan.body).toMatchObject({ code: 'plan_not_found', errors: [{ field: 'planCode' }] });
      const noCustomer = await post('/v1/subscriptions', {
        customerId: '0190aaaa-0000-7000-8000-000000000000',
        planCode: p.code,
      }).expect(422);
      expect(noCustomer.body).toMatchObject({
        code: 'customer_not_found',
        errors: [{ field: 'customerId' }],
      });
      const both = await post('/v1/subscriptions', { planCode: p.code }).expect(422);
      expect(both.body.errors).toEqual([expect.objectContaining({ field: 'customerId' })]);
    });

    it('answers 409 to a duplicate external id', async () => {
      const p = await plan();
      const externalId = uniqueRef('dup');
      await subscribe({ planCode: p.code, externalId });
      await post('/v1/subscriptions', { customerId: eurCustomer.id, planCode: p.code, externalId }).expect(
        409,
      );
    });

    it('refuses the viewer role (403) but lets it read', async () => {
      const p = await plan();
      await post(
        '/v1/subscriptions',
        { customerId: eurCustomer.id, planCode: p.code },
        viewer.accessToken,
      ).expect(403);
      await get('/v1/subscriptions', viewer.accessToken).expect(200);
    });
  });

  it('lists with filters and cursor pagination', async () => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const a = await plan();
    const b = await plan();
    const ids: string[] = [];
    for (const p of [a, a, a, b])
      ids.push((await subscribe({ customerId: customer.id, planCode: p.code })).id);
    await post(`/v1/subscriptions/${ids[1]}/cancel`, { atPeriodEnd: false }).expect(200);

    const first = await get(`/v1/subscriptions?customerId=${customer.id}&limit=2`).expect(200);
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([ids[3], ids[2]]);
    expect(first.body.hasMore).toBe(true);
    const second = await get(
      `/v1/subscriptions?customerId=${customer.id}&limit=2&cursor=${first.body.nextCursor}`,
    ).expect(200);
    expect(second.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(second.body.data.map((s: { id: string }) => s.id)).toEqual([ids[1], ids[0]]);

    const byPlan = await get(`/v1/subscriptions?customerId=${customer.id}&planCode=${a.code}&status=active`);
    expect(byPlan.body.data.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[0]]);
    const canceled = await get(`/v1/subscriptions?customerId=${customer.id}&status=canceled`);
    expect(canceled.body.data.map((s: { id: string }) => s.id)).toEqual([ids[1]]);
    await get('/v1/subscriptions?status=gone').expect(400);

    const service = t.app.get(SubscriptionsService);
    const active = await service.activeForCustomer(owner.orgId, customer.id);
    expect(active.map((s) => s.id)).toEqual([ids[3], ids[2], ids[0]]);
  });

  describe('cancel, resume, pause', () => {
    it('cancels now', async () => {
      const s = await subscribe({ planCode: (await plan()).code });
      const res = await post(`/v1/subscriptions/${s.id}/cancel`, { atPeriodEnd: false }).expect(200);
      expect(res.body).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: false });
      expect(res.body.endedAt).toBe(res.body.canceledAt);
      await post(`/v1/subscriptions/${s.id}/cancel`, { atPeriodEnd: false }).expect(409);
      await post(`/v1/subscriptions/${s.id}/resume`, {}).expect(409);
    });

    it('refuses a cancel body without a real boolean', async () => {
      const s = await subscribe({ planCode: (await plan()).code });
      await post(`/v1/subscriptions/${s.id}/cancel`, { atPeriodEnd: 'false' }).expect(400);
      await post(`/v1/subscriptions/${s.id}/cancel`, {}).expect(400);
      expect((await get(`/v1/subscriptions/${s.id}`).expect(200)).body.status).toBe('active');
    });

    it('cancels at period end, which can be resumed until then and takes effect at the period end', async () => {
      const s = await subscribe({ planCode: (await plan()).code });
      const scheduled = await post(`/v1/subscriptions/${s.id}/cancel`, { atPeriodEnd: true }).expect(200);
      expect(scheduled.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, endedAt: null });
      const resumed = await post(`/v1/subscriptions/${s.id}/resume`, {}).expect(200);
      expect(resumed.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: false, canceledAt: null });
      await post(`/v1/subscriptions/${s.id}/resume`, {}).expect(409);

      await post(`/v1/subscriptions/${s.id}/cancel`, { atPeriodEnd: true }).expect(200);
      await t.app
        .get(SubscriptionsService)
        .advanceDue(new Date(new Date(s.currentPeriodEnd).getTime() + 1000));
      const ended = await get(`/v1/subscriptions/${s.id}`).expect(200);
      expect(ended.body).toMatchObject({ status: 'canceled', endedAt: s.currentPeriodEnd });
      await post(`/v1/subscriptions/${s.id}/resume`, {}).expect(409);
    });

    it('pauses and unpauses', async () => {
      const s = await subscribe({ planCode: (await plan()).code });
      expect((await post(`/v1/subscriptions/${s.id}/pause`, {}).expect(200)).body.status).toBe('paused');
      await post(`/v1/subscriptions/${s.id}/pause`, {}).expect(409);
      const back = await post(`/v1/subscriptions/${s.id}/unpause`, {}).expect(200);
      expect(back.body).toMatchObject({ status: 'active', pausedAt: null });
    });
  });

  describe('change plan', () => {
    const weekly = async () => {
      const start = second(Date.now() - DAY);
      const basic = await plan({ baseFee: 1001 });
      const pro = await plan({ baseFee: 2999 });
      const s = await subscribe({ planCode: basic.code, startDate: start.toISOString() });
      return { start, basic, pro, s };
    };

    it('now: credits the unused old fee and charges the new one by seconds remaining, half-up per line', async () => {
      const { start, basic, pro, s } = await weekly();
      const periodEnd = new Date(start.getTime() + 7 * DAY).toISOString();
      expect(s.currentPeriodEnd).toBe(periodEnd);
      const early = await post(`/v1/subscriptions/${s.id}/change-plan`, {
        planCode: pro.code,
        effective: 'now',
        prorationDate: new Date(start.getTime() + 0.5 * DAY).toISOString(),
      }).expect(200);
      // 6.5 of 7 days remain: 1001 × 13/14 = 929.5 → 930; 2999 × 13/14 = 2784.64 → 2785
      expect(early.body.prorations.map((l: { kind: string; amount: number }) => [l.kind, l.amount])).toEqual([
        ['credit', -930],
        ['charge', 2785],
      ]);
      expect(early.body.subscription).toMatchObject({ planId: pro.id, planCode: pro.code, status: 'active' });
      expect(early.body.prorations[0]).toMatchObject({
        planId: basic.id,
        currency: 'EUR',
        secondsRemaining: 561600,
        secondsInPeriod: 604800,
        periodEnd,
      });

      // And back; a future proration date is refused.
      await post(`/v1/subscriptions/${s.id}/change-plan`, {
        planCode: basic.code,
        effective: 'now',
        prorationDate: new Date(Date.now() + DAY).toISOString(),
      }).expect(422);
    });

    it('now: rounds a half minor unit up', async () => {
      const start = second(Date.now() - 4 * DAY);
      const basic = await plan({ baseFee: 1001 });
      const pro = await plan({ baseFee: 2999 });
      const s = await subscribe({ planCode: basic.code, startDate: start.toISOString() });
      const res = await post(`/v1/subscriptions/${s.id}/change-plan`, {
        planId: pro.id,
        effective: 'now',
        prorationDate: new Date(start.getTime() + 3.5 * DAY).toISOString(),
      }).expect(200);
      // 3.5 of 7 days remain: 1001 / 2 = 500.5 → 501 credited; 2999 / 2 = 1499.5 → 1500 charged
      expect(res.body.prorations.map((l: { amount: number }) => l.amount)).toEqual([-501, 1500]);
    });

    it('refuses another currency, and another interval unless at period end', async () => {
      const { s } = await weekly();
      const usd = await plan({ currency: 'USD' });
      const res = await post(`/v1/subscriptions/${s.id}/change-plan`, {
        planCode: usd.code,
        effective: 'now',
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'currency_mismatch', errors: [{ field: 'planCode' }] });
      const monthly = await plan({ interval: 'month' });
      const now = await post(`/v1/subscriptions/${s.id}/change-plan`, {
        planCode: monthly.code,
        effective: 'now',
      });
      expect(now.body).toMatchObject({ status: 422, code: 'interval_mismatch' });
    });

    it('at period end: stored as pending and applied when the period ends', async () => {
      const { s } = await weekly();
      const monthly = await plan({ interval: 'month', baseFee: 5000 });
      const res = await post(`/v1/subscriptions/${s.id}/change-plan`, {
        planCode: monthly.code,
        effective: 'period_end',
      }).expect(200);
      expect(res.body.prorations).toEqual([]);
      expect(res.body.subscription).toMatchObject({
        planId: s.planId,
        pendingPlanChange: { planId: monthly.id, planCode: monthly.code, effectiveAt: s.currentPeriodEnd },
      });

      await t.app
        .get(SubscriptionsService)
        .advanceDue(new Date(new Date(s.currentPeriodEnd).getTime() + 1000));
      const after = await get(`/v1/subscriptions/${s.id}`).expect(200);
      const nextEnd = new Date(s.currentPeriodEnd);
      nextEnd.setUTCMonth(nextEnd.getUTCMonth() + 1);
      expect(after.body).toMatchObject({
        planId: monthly.id,
        interval: 'month',
        billingAnchor: s.currentPeriodEnd,
        currentPeriodStart: s.currentPeriodEnd,
        pendingPlanChange: null,
        status: 'active',
      });
      expect(new Date(after.body.currentPeriodEnd).getUTCDate()).toBeLessThanOrEqual(nextEnd.getUTCDate());
    });
  });

  it('emits its domain events through the outbox, in the transaction of each change', async () => {
    const start = second(Date.now() - 3 * DAY);
    const basic = await plan({ baseFee: 700 });
    const pro = await plan({ baseFee: 1400 });
    const s = await subscribe({ planCode: basic.code, startDate: start.toISOString() });
    await post(`/v1/subscriptions/${s.id}/change-plan`, {
      planCode: pro.code,
      effective: 'now',
      prorationDate: new Date(start.getTime() + 2 * DAY).toISOString(),
    }).expect(200);
    await post(`/v1/subscriptions/${s.id}/cancel`, { atPeriodEnd: true }).expect(200);
    await t.app.get(SubscriptionsService).advanceDue(new Date(new Date(s.currentPeriodEnd).getTime() + 1000));

    const rows: { job_name: string; payload: Record<string, unknown> }[] = await t.app
      .get(DataSource)
      .query(`SELECT job_name, payload FROM outbox WHERE payload->>'subscriptionId' = $1 ORDER BY id`, [
        s.id,
      ]);
    expect(rows.map((r) => [r.job_name, r.payload.change ?? null])).toEqual([
      ['subscription.created', null],
      ['subscription.updated', 'plan_changed'],
      ['subscription.updated', 'cancel_scheduled'],
      ['subscription.period_ended', null],
      ['subscription.canceled', null],
    ]);
    // 5 of 7 days remain: 700 × 5/7 = 500 credited, 1400 × 5/7 = 1000 charged
    expect((rows[1].payload.prorations as { amount: number }[]).map((l) => l.amount)).toEqual([-500, 1000]);
    expect(rows[3].payload).toMatchObject({
      orgId: owner.orgId,
      customerId: eurCustomer.id,
      planId: pro.id,
      periodStart: start.toISOString(),
      periodEnd: s.currentPeriodEnd,
    });
    expect(rows[4].payload).toMatchObject({ endedAt: s.currentPeriodEnd });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await get('/v1/subscriptions/0190aaaa-0000-7000-8000-000000000000').expect(404);
    await get('/v1/subscriptions/nope').expect(404);
    await post('/v1/subscriptions/nope/cancel', { atPeriodEnd: true }).expect(404);
  });
});
