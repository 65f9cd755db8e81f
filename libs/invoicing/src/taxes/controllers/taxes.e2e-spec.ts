import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../../test/kit/customers-test-kit';
import { REVERSE_CHARGE_NOTE } from '../tax-settings.service';

describe('tax rates and tax settings', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'taxes');
    other = await signUpAndLogin(t, 'taxes-other');
  });
  afterAll(() => t.stop());

  const as = (user: SignedUpUser) => asUser(t, user);

  const createRate = async (body: Record<string, unknown> = {}) =>
    (
      await as(owner)
        .post('/v1/tax-rates', { name: 'VAT', percentage: '19', inclusive: false, ...body })
        .expect(201)
    ).body as { id: string; [key: string]: unknown };

  it('creates, reads, lists, updates and deactivates a tax rate', async () => {
    const created = await as(owner)
      .post('/v1/tax-rates', {
        name: 'DE VAT',
        percentage: '19.0000',
        inclusive: true,
        country: 'de',
        region: 'Berlin',
        description: 'Standard rate',
        isDefault: true,
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'DE VAT',
      percentage: '19',
      inclusive: true,
      country: 'DE',
      region: 'Berlin',
      description: 'Standard rate',
      active: true,
      isDefault: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    await as(owner).get(`/v1/tax-rates/${id}`).expect(200);
    const updated = await as(owner)
      .patch(`/v1/tax-rates/${id}`, { name: 'Germany VAT', isDefault: false, region: null })
      .expect(200);
    expect(updated.body).toMatchObject({
      name: 'Germany VAT',
      isDefault: false,
      region: null,
      percentage: '19',
    });
    await as(owner).patch(`/v1/tax-rates/${id}`, { percentage: '7' }).expect(400);

    const deactivated = await as(owner).post(`/v1/tax-rates/${id}/deactivate`).expect(200);
    expect(deactivated.body).toMatchObject({ active: false, isDefault: false });
    const active = await as(owner).get('/v1/tax-rates?active=true').expect(200);
    expect((active.body.data as { id: string }[]).map((r) => r.id)).not.toContain(id);
    const inactive = await as(owner).get('/v1/tax-rates?active=false').expect(200);
    expect((inactive.body.data as { id: string }[]).map((r) => r.id)).toContain(id);
  });

  it('accepts a JSON number with 4 decimals, 0% and 100%', async () => {
    expect((await createRate({ percentage: 7.6543 })).percentage).toBe('7.6543');
    expect((await createRate({ percentage: '0' })).percentage).toBe('0');
    expect((await createRate({ percentage: 100 })).percentage).toBe('100');
  });

  it.each([
    ['5 decimals', { percentage: '19.12345' }, 'percentage'],
    ['above 100', { percentage: '101' }, 'percentage'],
    ['negative', { percentage: -1 }, 'percentage'],
    ['not a number', { percentage: 'abc' }, 'percentage'],
    ['an unknown country', { country: 'XX' }, 'country'],
    ['a country that is not alpha-2', { country: 'DEU' }, 'country'],
  ])('rejects %s with a 422 naming the field and writes nothing', async (_label, body, field) => {
    const before = await as(owner).get('/v1/tax-rates?limit=100').expect(200);
    const res = await as(owner)
      .post('/v1/tax-rates', { name: 'Bad', percentage: '10', inclusive: false, ...body })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_tax_rate', errors: [{ field }] });
    const after = await as(owner).get('/v1/tax-rates?limit=100').expect(200);
    expect(after.body.data).toHaveLength((before.body.data as unknown[]).length);
  });

  it('sets customer tax settings: reverse charge gets the default legal note, exempt none', async () => {
    const customer = await createCustomer(t, owner);
    await as(owner)
      .get(`/v1/customers/${customer.id}/tax-settings`)
      .expect(200)
      .expect((res) =>
        expect(res.body).toEqual({
          customerId: customer.id,
          treatment: 'taxable',
          taxRateIds: null,
          legalNote: null,
        }),
      );
    const reverse = await as(owner)
      .put(`/v1/customers/${customer.id}/tax-settings`, { treatment: 'reverse_charge' })
      .expect(200);
    expect(reverse.body).toMatchObject({ treatment: 'reverse_charge', legalNote: REVERSE_CHARGE_NOTE });
    const exempt = await as(owner)
      .put(`/v1/customers/${customer.id}/tax-settings`, { treatment: 'exempt', legalNote: 'Certificate 42' })
      .expect(200);
    expect(exempt.body).toMatchObject({ treatment: 'exempt', legalNote: 'Certificate 42', taxRateIds: null });

    const rate = await createRate();
    const override = await as(owner)
      .put(`/v1/customers/${customer.id}/tax-settings`, { treatment: 'taxable', taxRateIds: [rate.id] })
      .expect(200);
    expect(override.body).toMatchObject({ treatment: 'taxable', taxRateIds: [rate.id], legalNote: null });
  });

  it('rejects unknown or inactive rates in overrides with 422 invalid_tax_rate', async () => {
    const customer = await createCustomer(t, owner);
    const rate = await createRate();
    await as(owner).post(`/v1/tax-rates/${rate.id}/deactivate`).expect(200);
    const otherOrgRate = (
      await as(other).post('/v1/tax-rates', { name: 'X', percentage: '5', inclusive: false }).expect(201)
    ).body as { id: string };
    for (const id of [rate.id, otherOrgRate.id]) {
      const res = await as(owner)
        .put(`/v1/customers/${customer.id}/tax-settings`, { treatment: 'taxable', taxRateIds: [id] })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_tax_rate', errors: [{ field: 'taxRateIds' }] });
    }
    await as(owner).put(`/v1/customers/${customer.id}/tax-settings`, { treatment: 'nope' }).expect(400);
  });

  it('sets, reads and removes a plan charge override; another organisation gets a 404', async () => {
    const code = `calls_${Date.now()}`;
    await as(owner).post('/v1/billable-metrics', { code, name: 'Calls', aggregation: 'count' }).expect(201);
    const plan = await as(owner)
      .post('/v1/plans', {
        code: `taxed_${Date.now()}`,
        name: 'Taxed',
        currency: 'EUR',
        interval: 'month',
        charges: [{ billableMetricCode: code, model: 'standard', properties: { unitAmount: '0.10' } }],
      })
      .expect(201);
    const chargeId = (plan.body as { charges: { id: string }[] }).charges[0].id;
    const rate = await createRate({ percentage: '7' });
    await as(owner).get(`/v1/plan-charges/${chargeId}/tax-rates`).expect(200, { chargeId, taxRateIds: null });
    await as(owner)
      .put(`/v1/plan-charges/${chargeId}/tax-rates`, { taxRateIds: [rate.id] })
      .expect(200, { chargeId, taxRateIds: [rate.id] });
    await as(other).get(`/v1/plan-charges/${chargeId}/tax-rates`).expect(404);
    await as(other).put(`/v1/plan-charges/${chargeId}/tax-rates`, { taxRateIds: [] }).expect(404);
    await as(owner)
      .put(`/v1/plan-charges/${chargeId}/tax-rates`, { taxRateIds: [] })
      .expect(200, { chargeId, taxRateIds: [] });
    await as(owner)
      .put(`/v1/plan-charges/${chargeId}/tax-rates`, { taxRateIds: null })
      .expect(200, { chargeId, taxRateIds: null });
    await as(owner).get('/v1/plan-charges/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/tax-rates').expect(404);
  });

  it('hides another organisation’s rates and customers (404)', async () => {
    const rate = await createRate();
    const customer = await createCustomer(t, owner);
    await as(other).get(`/v1/tax-rates/${rate.id}`).expect(404);
    await as(other).patch(`/v1/tax-rates/${rate.id}`, { name: 'Mine' }).expect(404);
    await as(other).post(`/v1/tax-rates/${rate.id}/deactivate`).expect(404);
    await as(other).get(`/v1/customers/${customer.id}/tax-settings`).expect(404);
    await as(other).put(`/v1/customers/${customer.id}/tax-settings`, { treatment: 'exempt' }).expect(404);
    await as(owner).get('/v1/tax-rates/not-a-uuid').expect(404);
  });

  it('lets a viewer read but not manage tax rates', async () => {
    const viewer = await addMember(t, owner, 'viewer');
    await as(viewer).get('/v1/tax-rates').expect(200);
    await as(viewer).post('/v1/tax-rates', { name: 'VAT', percentage: '19', inclusive: false }).expect(403);
  });
});
