import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer, uniqueRef } from '../../../../test/kit/customers-test-kit';
import { newId } from '@app/core';
import { CouponsService } from './coupons.service';

describe('CouponsService: discountsFor and recordUse', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let coupons: CouponsService;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'coupon-uses');
    coupons = t.app.get(CouponsService);
  });
  afterAll(() => t.stop());

  const post = async (path: string, body: object) =>
    (
      await t
        .http()
        .post(path)
        .set(...bearer(owner.accessToken))
        .send(body)
        .expect(201)
    ).body as { id: string; code: string };
  const coupon = (body: object) =>
    post('/v1/coupons', {
      code: uniqueRef('C'),
      name: 'Coupon',
      kind: 'percent',
      percentOff: '10',
      duration: 'once',
      ...body,
    });
  const apply = (customerId: string, code: string) =>
    post(`/v1/customers/${customerId}/coupons`, { couponCode: code });
  const appliedStatus = async (customerId: string) =>
    (
      await t
        .http()
        .get(`/v1/customers/${customerId}/coupons`)
        .set(...bearer(owner.accessToken))
        .expect(200)
    ).body.data as { id: string; status: string; periodsRemaining: number | null }[];

  it('a repeating coupon for 2 periods is consumed after 2 different invoices, idempotently per invoice', async () => {
    const customer = await createCustomer(t, owner);
    const repeating = await coupon({ duration: 'repeating', durationPeriods: 2, percentOff: '25' });
    const applied = await apply(customer.id, repeating.code);
    const input = { customerId: customer.id, subscriptionId: null, currency: 'EUR' };
    expect(await coupons.discountsFor(owner.orgId, input)).toEqual([
      { appliedCouponId: applied.id, couponName: 'Coupon', kind: 'percent', percentOff: '25' },
    ]);

    const first = newId();
    await coupons.recordUse(owner.orgId, { invoiceId: first, appliedCouponIds: [applied.id] });
    await coupons.recordUse(owner.orgId, { invoiceId: first, appliedCouponIds: [applied.id] });
    expect(await appliedStatus(customer.id)).toMatchObject([
      { id: applied.id, status: 'active', periodsRemaining: 1 },
    ]);
    expect(await coupons.discountsFor(owner.orgId, input)).toHaveLength(1);

    const second = newId();
    await coupons.recordUse(owner.orgId, { invoiceId: second, appliedCouponIds: [applied.id] });
    expect(await appliedStatus(customer.id)).toMatchObject([{ status: 'consumed', periodsRemaining: 0 }]);
    expect(await coupons.discountsFor(owner.orgId, input)).toEqual([]);
    await coupons.recordUse(owner.orgId, { invoiceId: newId(), appliedCouponIds: [applied.id] });
    expect(await appliedStatus(customer.id)).toMatchObject([{ status: 'consumed', periodsRemaining: 0 }]);
  });

  it('consumes a once coupon at its first invoice and never a forever one', async () => {
    const customer = await createCustomer(t, owner);
    const once = await apply(customer.id, (await coupon({ duration: 'once' })).code);
    const forever = await apply(customer.id, (await coupon({ duration: 'forever', percentOff: '5' })).code);
    for (let i = 0; i < 3; i++)
      await coupons.recordUse(owner.orgId, { invoiceId: newId(), appliedCouponIds: [once.id, forever.id] });
    const byId = new Map((await appliedStatus(customer.id)).map((a) => [a.id, a]));
    expect(byId.get(once.id)).toMatchObject({ status: 'consumed', periodsRemaining: 0 });
    expect(byId.get(forever.id)).toMatchObject({ status: 'active', periodsRemaining: null });
  });

  it('gives fixed coupons only in their currency, subscription ones only to that subscription, customer-level first', async () => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const fixed = await apply(
      customer.id,
      (await coupon({ kind: 'fixed', percentOff: undefined, amountOff: 700, currency: 'EUR' })).code,
    );
    const percent = await apply(customer.id, (await coupon({ percentOff: '3' })).code);
    const eur = await coupons.discountsFor(owner.orgId, {
      customerId: customer.id,
      subscriptionId: null,
      currency: 'EUR',
    });
    expect(eur.map((d) => d.appliedCouponId)).toEqual([fixed.id, percent.id]);
    expect(eur[0]).toMatchObject({ kind: 'fixed', amountOff: 700 });
    const usd = await coupons.discountsFor(owner.orgId, {
      customerId: customer.id,
      subscriptionId: null,
      currency: 'USD',
    });
    expect(usd.map((d) => d.appliedCouponId)).toEqual([percent.id]);
    const otherOrg = await coupons.discountsFor(newId(), {
      customerId: customer.id,
      subscriptionId: null,
      currency: 'EUR',
    });
    expect(otherOrg).toEqual([]);
  });

  it('gives a subscription-level coupon only to invoices of that subscription', async () => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const plan = await post('/v1/plans', {
      code: uniqueRef('plan'),
      name: 'Plan',
      currency: 'EUR',
      interval: 'month',
      baseFee: 1000,
      trialDays: 0,
    });
    const subscription = await post('/v1/subscriptions', { customerId: customer.id, planCode: plan.code });
    const onSubscription = await post(`/v1/customers/${customer.id}/coupons`, {
      couponCode: (await coupon({ percentOff: '50' })).code,
      subscriptionId: subscription.id,
    });
    const onCustomer = await apply(customer.id, (await coupon({ percentOff: '5' })).code);
    const forSubscription = await coupons.discountsFor(owner.orgId, {
      customerId: customer.id,
      subscriptionId: subscription.id,
      currency: 'EUR',
    });
    expect(forSubscription.map((d) => d.appliedCouponId)).toEqual([onCustomer.id, onSubscription.id]);
    const oneOff = await coupons.discountsFor(owner.orgId, {
      customerId: customer.id,
      subscriptionId: null,
      currency: 'EUR',
    });
    expect(oneOff.map((d) => d.appliedCouponId)).toEqual([onCustomer.id]);
    const otherSubscription = await coupons.discountsFor(owner.orgId, {
      customerId: customer.id,
      subscriptionId: newId(),
      currency: 'EUR',
    });
    expect(otherSubscription.map((d) => d.appliedCouponId)).toEqual([onCustomer.id]);
  });

  it('records nothing for another organisation’s applied coupon', async () => {
    const customer = await createCustomer(t, owner);
    const applied = await apply(customer.id, (await coupon({ duration: 'once' })).code);
    await coupons.recordUse(newId(), { invoiceId: newId(), appliedCouponIds: [applied.id] });
    expect(await appliedStatus(customer.id)).toMatchObject([{ status: 'active', periodsRemaining: 1 }]);
  });
});
