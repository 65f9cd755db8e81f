import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../../test/kit/auth-test-kit';
import { createCustomer, uniqueRef } from '../../../../../test/kit/customers-test-kit';

describe('coupons', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'coupons');
    other = await signUpAndLogin(t, 'coupons-other');
  });
  afterAll(() => t.stop());

  const as = (user: SignedUpUser) => asUser(t, user);

  const createCoupon = async (body: Record<string, unknown> = {}, user = owner) =>
    (
      await as(user)
        .post('/v1/coupons', {
          code: uniqueRef('SAVE'),
          name: '10% off',
          kind: 'percent',
          percentOff: '10',
          duration: 'once',
          ...body,
        })
        .expect(201)
    ).body as { id: string; code: string; [key: string]: unknown };

  describe('definitions', () => {
    it('creates percent and fixed coupons, reads, lists, updates and archives them', async () => {
      const percent = await createCoupon({ percentOff: 12.5, duration: 'repeating', durationPeriods: 3 });
      expect(percent).toMatchObject({
        kind: 'percent',
        percentOff: '12.5',
        amountOff: null,
        currency: null,
        duration: 'repeating',
        durationPeriods: 3,
        maxRedemptions: null,
        timesRedeemed: 0,
        expiresAt: null,
        active: true,
      });
      const fixed = await createCoupon({
        kind: 'fixed',
        percentOff: undefined,
        amountOff: 500,
        currency: 'eur',
        duration: 'forever',
        maxRedemptions: 10,
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect(fixed).toMatchObject({ kind: 'fixed', amountOff: 500, currency: 'EUR', percentOff: null });
      await as(owner).get(`/v1/coupons/${fixed.id}`).expect(200);
      const updated = await as(owner)
        .patch(`/v1/coupons/${fixed.id}`, { name: 'Five off', maxRedemptions: null, expiresAt: null })
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Five off', maxRedemptions: null, expiresAt: null });
      await as(owner).patch(`/v1/coupons/${fixed.id}`, { amountOff: 1 }).expect(400);
      const archived = await as(owner).post(`/v1/coupons/${fixed.id}/archive`).expect(200);
      expect(archived.body.active).toBe(false);
      const active = await as(owner).get('/v1/coupons?active=true&limit=100').expect(200);
      const ids = (active.body.data as { id: string }[]).map((c) => c.id);
      expect(ids).toContain(percent.id);
      expect(ids).not.toContain(fixed.id);
    });

    it.each([
      ['percent without percentOff', { percentOff: undefined }, 'percentOff'],
      ['percent above 100', { percentOff: '100.5' }, 'percentOff'],
      ['percent of 0', { percentOff: '0' }, 'percentOff'],
      ['percent with 5 decimals', { percentOff: '1.00001' }, 'percentOff'],
      ['percent with a currency', { currency: 'EUR' }, 'currency'],
      ['fixed without amount', { kind: 'fixed', percentOff: undefined, currency: 'EUR' }, 'amountOff'],
      ['fixed without currency', { kind: 'fixed', percentOff: undefined, amountOff: 100 }, 'currency'],
      [
        'fixed with a bad currency',
        { kind: 'fixed', percentOff: undefined, amountOff: 100, currency: 'EUX' },
        'currency',
      ],
      ['repeating without periods', { duration: 'repeating' }, 'durationPeriods'],
      ['once with periods', { durationPeriods: 2 }, 'durationPeriods'],
    ])('rejects %s with 422 invalid_coupon naming the field', async (_label, body, field) => {
      const res = await as(owner)
        .post('/v1/coupons', {
          code: uniqueRef('BAD'),
          name: 'Bad',
          kind: 'percent',
          percentOff: '10',
          duration: 'once',
          ...body,
        })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_coupon', errors: [{ field }] });
    });

    it('keeps codes unique per organisation (409), not across organisations', async () => {
      const coupon = await createCoupon();
      await as(owner)
        .post('/v1/coupons', {
          code: coupon.code,
          name: 'Again',
          kind: 'percent',
          percentOff: '5',
          duration: 'once',
        })
        .expect(409);
      await createCoupon({ code: coupon.code }, other);
    });

    it('refuses to lower max redemptions below the times redeemed', async () => {
      const coupon = await createCoupon({ maxRedemptions: 5 });
      for (let i = 0; i < 2; i++) {
        const customer = await createCustomer(t, owner);
        await as(owner).post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code }).expect(201);
      }
      const res = await as(owner).patch(`/v1/coupons/${coupon.id}`, { maxRedemptions: 1 }).expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_coupon', errors: [{ field: 'maxRedemptions' }] });
      await as(owner).patch(`/v1/coupons/${coupon.id}`, { maxRedemptions: 2 }).expect(200);
    });
  });

  describe('applying to customers', () => {
    it('applies, lists and removes a coupon; a second active application of it is a 409', async () => {
      const customer = await createCustomer(t, owner);
      const coupon = await createCoupon({ duration: 'repeating', durationPeriods: 2 });
      const applied = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code })
        .expect(201);
      expect(applied.body).toMatchObject({
        customerId: customer.id,
        subscriptionId: null,
        periodsRemaining: 2,
        status: 'active',
        coupon: { id: coupon.id, timesRedeemed: 1 },
      });
      await as(owner).post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code }).expect(409);
      expect((await as(owner).get(`/v1/coupons/${coupon.id}`).expect(200)).body.timesRedeemed).toBe(1);

      const list = await as(owner).get(`/v1/customers/${customer.id}/coupons`).expect(200);
      expect((list.body.data as { id: string }[]).map((a) => a.id)).toEqual([applied.body.id]);
      const removed = await as(owner)
        .delete(`/v1/customers/${customer.id}/coupons/${applied.body.id}`)
        .expect(200);
      expect(removed.body.status).toBe('removed');
      const again = await as(owner)
        .delete(`/v1/customers/${customer.id}/coupons/${applied.body.id}`)
        .expect(409);
      expect(again.body.code).toBe('applied_coupon_not_active');
      const active = await as(owner).get(`/v1/customers/${customer.id}/coupons?status=active`).expect(200);
      expect(active.body.data).toEqual([]);
      await as(owner).post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code }).expect(201);
    });

    it('rejects an expired coupon with 422 coupon_expired', async () => {
      const customer = await createCustomer(t, owner);
      const coupon = await createCoupon({ expiresAt: '2020-01-01T00:00:00Z' });
      const res = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'coupon_expired', errors: [{ field: 'couponCode' }] });
    });

    it('rejects an exhausted coupon with 422 coupon_exhausted', async () => {
      const coupon = await createCoupon({ maxRedemptions: 1 });
      const first = await createCustomer(t, owner);
      const second = await createCustomer(t, owner);
      await as(owner).post(`/v1/customers/${first.id}/coupons`, { couponCode: coupon.code }).expect(201);
      const res = await as(owner)
        .post(`/v1/customers/${second.id}/coupons`, { couponCode: coupon.code })
        .expect(422);
      expect(res.body.code).toBe('coupon_exhausted');
    });

    it('lets exactly one of 5 concurrent applies redeem a coupon limited to 1', async () => {
      const coupon = await createCoupon({ maxRedemptions: 1 });
      const customers = await Promise.all(Array.from({ length: 5 }, () => createCustomer(t, owner)));
      const results = await Promise.all(
        customers.map((c) => as(owner).post(`/v1/customers/${c.id}/coupons`, { couponCode: coupon.code })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 422, 422, 422, 422]);
      for (const r of results.filter((r) => r.status === 422)) expect(r.body.code).toBe('coupon_exhausted');
      expect((await as(owner).get(`/v1/coupons/${coupon.id}`).expect(200)).body.timesRedeemed).toBe(1);
    });

    it('rejects a fixed coupon in another currency than the customer’s with 422 coupon_currency_mismatch', async () => {
      const customer = await createCustomer(t, owner, { currency: 'USD' });
      const coupon = await createCoupon({
        kind: 'fixed',
        percentOff: undefined,
        amountOff: 100,
        currency: 'EUR',
      });
      const res = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code })
        .expect(422);
      expect(res.body.code).toBe('coupon_currency_mismatch');
      expect((await as(owner).get(`/v1/coupons/${coupon.id}`).expect(200)).body.timesRedeemed).toBe(0);
    });

    it('rejects archived and unknown coupons, and a subscription of nobody', async () => {
      const customer = await createCustomer(t, owner);
      const coupon = await createCoupon();
      await as(owner).post(`/v1/coupons/${coupon.id}/archive`).expect(200);
      const archived = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code })
        .expect(422);
      expect(archived.body.code).toBe('coupon_inactive');
      const unknown = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, { couponCode: 'NOPE-NOPE' })
        .expect(422);
      expect(unknown.body.code).toBe('coupon_not_found');
      const live = await createCoupon();
      const noSubscription = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, {
          couponCode: live.code,
          subscriptionId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        })
        .expect(422);
      expect(noSubscription.body).toMatchObject({
        code: 'invalid_coupon',
        errors: [{ field: 'subscriptionId' }],
      });
    });

    it('hides another organisation’s coupons, customers and applications (404)', async () => {
      const coupon = await createCoupon();
      const customer = await createCustomer(t, owner);
      const applied = await as(owner)
        .post(`/v1/customers/${customer.id}/coupons`, { couponCode: coupon.code })
        .expect(201);
      await as(other).get(`/v1/coupons/${coupon.id}`).expect(404);
      await as(other).patch(`/v1/coupons/${coupon.id}`, { name: 'Mine' }).expect(404);
      await as(other).post(`/v1/coupons/${coupon.id}/archive`).expect(404);
      await as(other).get(`/v1/customers/${customer.id}/coupons`).expect(404);
      await as(other).delete(`/v1/customers/${customer.id}/coupons/${applied.body.id}`).expect(404);
      const foreign = await createCustomer(t, other);
      // Another org's coupon code is simply unknown here.
      const res = await as(other)
        .post(`/v1/customers/${foreign.id}/coupons`, { couponCode: coupon.code })
        .expect(422);
      expect(res.body.code).toBe('coupon_not_found');
    });
  });
});
