import { AppError } from '@app/core';
import { AuthTestApp, bearer, signUpAndLogin, startAuthApp } from '../../../../test/kit/auth-test-kit';
import { priceCharge } from '../pricing';
import { CatalogService } from './catalog.service';

describe('CatalogService (what other domains read)', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  it('reads metrics, pinned versions and latest plans of one organisation only, ready to price', async () => {
    const owner = await signUpAndLogin(t, 'catalog-reader');
    const other = await signUpAndLogin(t, 'catalog-other');
    const send = (method: 'post' | 'put', path: string, body: object) =>
      t
        .http()
        [method](path)
        .set(...bearer(owner.accessToken))
        .send(body);
    await send('post', '/v1/billable-metrics', { code: 'calls', name: 'Calls', aggregation: 'count' }).expect(
      201,
    );
    const tiers = [
      { from: '0', upTo: '5', unitAmount: '7' },
      { from: '5', upTo: '10', unitAmount: '6.5' },
      { from: '10', upTo: null, unitAmount: '6' },
    ];
    const definition = { name: 'Tiered', currency: 'USD', interval: 'month' };
    const v1 = await send('post', '/v1/plans', {
      ...definition,
      code: 'tiered',
      charges: [{ billableMetricCode: 'calls', model: 'graduated', properties: { tiers } }],
    }).expect(201);
    await send('put', '/v1/plans/tiered', {
      ...definition,
      charges: [{ billableMetricCode: 'calls', model: 'volume', properties: { tiers } }],
    }).expect(200);

    const catalog = t.app.get(CatalogService);
    expect(await catalog.getMetricByCode(owner.orgId, 'calls')).toMatchObject({
      code: 'calls',
      aggregation: 'count',
    });
    const pinned = await catalog.getPlanVersion(owner.orgId, v1.body.id);
    const latest = await catalog.getLatestPlan(owner.orgId, 'tiered');
    expect(pinned).toMatchObject({ version: 1, orgId: owner.orgId });
    expect(latest.version).toBe(2);
    expect(pinned.charges[0]).toMatchObject({
      billableMetricCode: 'calls',
      aggregation: 'count',
      fieldName: null,
    });

    // Stripe's example: 11 units are $73.50 graduated (v1) and $66.00 volume (v2).
    expect(priceCharge(pinned.charges[0], { quantity: '11' }, pinned.currency).amount).toBe(7350);
    expect(priceCharge(latest.charges[0], { quantity: '11' }, latest.currency).amount).toBe(6600);

    for (const read of [
      () => catalog.getMetricByCode(other.orgId, 'calls'),
      () => catalog.getPlanVersion(other.orgId, v1.body.id),
      () => catalog.getLatestPlan(other.orgId, 'tiered'),
      () => catalog.getPlanVersion(owner.orgId, 'not-a-uuid'),
    ])
      await expect(read()).rejects.toMatchObject({ status: 404 } satisfies Partial<AppError>);
  });
});
