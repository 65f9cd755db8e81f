import { DataSource } from 'typeorm';
import { SignedUpUser, asUser, signUpAndLogin } from '../../../../test/kit/auth-test-kit';
import { PaymentsTestApp, connectStripe, startPaymentsApp } from '../../../../test/kit/stripe-test-kit';
import { newTestKey } from '../../../../test/stripe-emulator/test-support';
import { CONNECTION_CACHE_MS, StripeAccountsService } from './stripe-accounts.service';

describe('payments: Stripe account per organisation', () => {
  let t: PaymentsTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  const whsec = 'whsec_0123456789abcdef';

  beforeAll(async () => {
    t = await startPaymentsApp();
    owner = await signUpAndLogin(t, 'stripe-account');
    other = await signUpAndLogin(t, 'stripe-account-other');
  });
  afterAll(() => t.stop());

  it('connects with a key Stripe accepts, stores both secrets sealed and never returns them', async () => {
    const secretKey = newTestKey();
    const res = await asUser(t, owner)
      .put('/v1/payments/stripe', { secretKey, webhookSecret: whsec })
      .expect(200);

    expect(res.body).toMatchObject({ connected: true, livemode: false, secretKeyLast4: secretKey.slice(-4) });
    expect(res.body.webhookUrl).toMatch(new RegExp(`/v1/webhooks/stripe/${owner.orgId}$`));
    expect(JSON.stringify(res.body)).not.toContain(secretKey);
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT secret_key_sealed, webhook_secret_sealed FROM stripe_accounts WHERE org_id = $1`, [
        owner.orgId,
      ]);
    expect(row.secret_key_sealed).not.toContain(secretKey.slice(8));
    expect(row.webhook_secret_sealed).not.toContain(whsec.slice(6));

    const connection = await t.app.get(StripeAccountsService).get(owner.orgId);
    expect(connection.webhookSecret).toBe(whsec);
    expect((await connection.stripe.customers.create({ email: 'a@example.test' })).id).toMatch(/^cus_/);
    expect(t.emulator.control.objects(secretKey, 'customers')).toHaveLength(1);
  });

  it('refuses a key Stripe rejects (422 stripe_key_invalid) and a malformed one (400), storing nothing', async () => {
    const rejected = await asUser(t, other)
      .put('/v1/payments/stripe', { secretKey: 'sk_live_0123456789abcdef', webhookSecret: whsec })
      .expect(422);
    expect(rejected.headers['content-type']).toContain('application/problem+json');
    expect(rejected.body.code).toBe('stripe_key_invalid');

    const malformed = await asUser(t, other)
      .put('/v1/payments/stripe', { secretKey: 'pk_test_abc', webhookSecret: 'nope' })
      .expect(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'secretKey',
      'webhookSecret',
    ]);
    expect((await asUser(t, other).get('/v1/payments/stripe').expect(200)).body.connected).toBe(false);
  });

  it('an org without Stripe gets 409 stripe_not_connected from the service; disconnect forgets the keys', async () => {
    await expect(t.app.get(StripeAccountsService).get(other.orgId)).rejects.toMatchObject({
      status: 409,
      code: 'stripe_not_connected',
    });
    const connected = await connectStripe(t, other, { webhooks: false });
    expect((await t.app.get(StripeAccountsService).get(other.orgId)).webhookSecret).toBe(
      connected.webhookSecret,
    );

    await asUser(t, other).delete('/v1/payments/stripe').expect(204);
    expect((await asUser(t, other).get('/v1/payments/stripe').expect(200)).body).toMatchObject({
      connected: false,
      secretKeyLast4: null,
    });
    expect(await t.app.get(StripeAccountsService).find(other.orgId)).toBeNull();
  });

  it('a disconnection made by another process applies here within CONNECTION_CACHE_MS', async () => {
    const third = await signUpAndLogin(t, 'stripe-account-third');
    await connectStripe(t, third, { webhooks: false });
    const accounts = t.app.get(StripeAccountsService);
    expect(await accounts.find(third.orgId)).not.toBeNull();

    await t.app.get(DataSource).query(`DELETE FROM stripe_accounts WHERE org_id = $1`, [third.orgId]);
    expect(await accounts.find(third.orgId)).not.toBeNull();
    expect(await accounts.find(third.orgId, Date.now() + CONNECTION_CACHE_MS + 1)).toBeNull();
  });
});
