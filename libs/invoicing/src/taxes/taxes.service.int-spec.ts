import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { REVERSE_CHARGE_NOTE } from './tax-settings.service';
import { TaxesService } from './taxes.service';

describe('TaxesService.resolveForInvoice', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let taxes: TaxesService;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'tax-resolution');
    taxes = t.app.get(TaxesService);
  });
  afterAll(() => t.stop());

  const send = (method: 'post' | 'put', path: string, body: object, status: number) =>
    t
      .http()
      [method](path)
      .set(...bearer(owner.accessToken))
      .send(body)
      .expect(status);
  const rate = async (name: string, percentage: string, extra: object = {}) =>
    (await send('post', '/v1/tax-rates', { name, percentage, inclusive: false, ...extra }, 201)).body as {
      id: string;
    };
  const idsOf = (resolution: Awaited<ReturnType<TaxesService['resolveForInvoice']>>, key: string) =>
    resolution.ratesByKey[key].map((r) => r.taxRateId);

  it('applies line ids > charge override > customer override > org defaults, active rates only', async () => {
    const byDefault = await rate('Default', '19', { isDefault: true });
    const retiredDefault = await rate('Retired default', '16', { isDefault: true });
    await send('post', `/v1/tax-rates/${retiredDefault.id}/deactivate`, {}, 200);
    const forCustomer = await rate('Customer', '10');
    const forCharge = await rate('Charge', '7');
    const onLine = await rate('Line', '5.5');
    const metricCode = `calls_${Date.now()}`;
    await send(
      'post',
      '/v1/billable-metrics',
      { code: metricCode, name: 'Calls', aggregation: 'count' },
      201,
    );
    const plan = await send(
      'post',
      '/v1/plans',
      {
        code: `taxed_${Date.now()}`,
        name: 'Taxed',
        currency: 'EUR',
        interval: 'month',
        charges: [{ billableMetricCode: metricCode, model: 'standard', properties: { unitAmount: '0.10' } }],
      },
      201,
    );
    const chargeId = (plan.body as { charges: { id: string }[] }).charges[0].id;
    const plain = await createCustomer(t, owner);
    const overridden = await createCustomer(t, owner);
    await send(
      'put',
      `/v1/customers/${overridden.id}/tax-settings`,
      { treatment: 'taxable', taxRateIds: [forCustomer.id] },
      200,
    );
    await send('put', `/v1/plan-charges/${chargeId}/tax-rates`, { taxRateIds: [forCharge.id] }, 200);
    const lines = [
      { key: 'explicit', taxRateIds: [onLine.id], chargeId },
      { key: 'charge', chargeId },
      { key: 'untaxed', taxRateIds: [] },
      { key: 'other-charge', chargeId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d' },
      { key: 'plain' },
    ];

    const forPlain = await taxes.resolveForInvoice(owner.orgId, plain.id, lines);
    expect(forPlain).toMatchObject({ treatment: 'taxable', legalNote: null });
    expect(idsOf(forPlain, 'explicit')).toEqual([onLine.id]);
    expect(idsOf(forPlain, 'charge')).toEqual([forCharge.id]);
    expect(idsOf(forPlain, 'untaxed')).toEqual([]);
    expect(idsOf(forPlain, 'other-charge')).toEqual([byDefault.id]);
    expect(forPlain.ratesByKey.plain).toEqual([
      { taxRateId: byDefault.id, name: 'Default', percentage: '19', inclusive: false },
    ]);

    const forOverridden = await taxes.resolveForInvoice(owner.orgId, overridden.id, lines);
    expect(idsOf(forOverridden, 'explicit')).toEqual([onLine.id]);
    expect(idsOf(forOverridden, 'charge')).toEqual([forCharge.id]);
    expect(idsOf(forOverridden, 'plain')).toEqual([forCustomer.id]);

    // A rate deactivated after it was put in an override is skipped.
    await send('post', `/v1/tax-rates/${forCharge.id}/deactivate`, {}, 200);
    const afterDeactivation = await taxes.resolveForInvoice(owner.orgId, plain.id, [
      { key: 'charge', chargeId },
    ]);
    expect(idsOf(afterDeactivation, 'charge')).toEqual([]);
  });

  it('gives exempt and reverse-charge customers no rates, with their note', async () => {
    await rate('Default', '20', { isDefault: true });
    const exempt = await createCustomer(t, owner);
    const reverse = await createCustomer(t, owner);
    await send('put', `/v1/customers/${exempt.id}/tax-settings`, { treatment: 'exempt' }, 200);
    await send('put', `/v1/customers/${reverse.id}/tax-settings`, { treatment: 'reverse_charge' }, 200);
    await expect(taxes.resolveForInvoice(owner.orgId, exempt.id, [{ key: 'a' }])).resolves.toEqual({
      treatment: 'exempt',
      legalNote: null,
      ratesByKey: { a: [] },
    });
    await expect(
      taxes.resolveForInvoice(owner.orgId, reverse.id, [{ key: 'a' }, { key: 'b' }]),
    ).resolves.toEqual({
      treatment: 'reverse_charge',
      legalNote: REVERSE_CHARGE_NOTE,
      ratesByKey: { a: [], b: [] },
    });
  });

  it('rejects an unknown, inactive or other organisation’s explicit rate with 422 invalid_tax_rate', async () => {
    const customer = await createCustomer(t, owner);
    const retired = await rate('Retired', '3');
    await send('post', `/v1/tax-rates/${retired.id}/deactivate`, {}, 200);
    for (const id of [retired.id, '0190a1b2-c3d4-7e5f-8a9b-000000000000', 'nonsense'])
      await expect(
        taxes.resolveForInvoice(owner.orgId, customer.id, [{ key: 'a', taxRateIds: [id] }]),
      ).rejects.toMatchObject({ status: 422, code: 'invalid_tax_rate' });
  });
});
