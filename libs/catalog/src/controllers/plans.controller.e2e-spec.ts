import { Permission } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';

const TIERS = [
  { from: '0', upTo: '5', unitAmount: '7', flatAmount: '0' },
  { from: '5', upTo: '10', unitAmount: '6.5', flatAmount: '0' },
  { from: '10', upTo: null, unitAmount: '6', flatAmount: '0' },
];

describe('plans', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;

  const post = (token: string, path: string, body: object) =>
    t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body);
  const put = (token: string, path: string, body: object) =>
    t
      .http()
      .put(path)
      .set(...bearer(token))
      .send(body);
  const get = (token: string, path: string) =>
    t
      .http()
      .get(path)
      .set(...bearer(token));

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'plans');
    for (const metric of [
      {
        code: 'api_calls',
        name: 'API calls',
        aggregation: 'count',
        filters: [{ key: 'region', values: ['eu', 'us'] }],
      },
      { code: 'storage_gb', name: 'Storage', aggregation: 'max', fieldName: 'gb' },
      { code: 'payments', name: 'Payments', aggregation: 'sum', fieldName: 'amount' },
      { code: 'seats', name: 'Seats', aggregation: 'unique_count', fieldName: 'user_id' },
    ])
      await post(owner.accessToken, '/v1/billable-metrics', metric).expect(201);
  });
  afterAll(() => t.stop());

  const startup = (overrides: object = {}) => ({
    code: 'startup',
    name: 'Startup',
    description: 'For small teams',
    currency: 'EUR',
    interval: 'month',
    baseFee: 4900,
    baseFeeTiming: 'in_advance',
    trialDays: 14,
    minimumCommitment: 10000,
    charges: [
      {
        billableMetricCode: 'api_calls',
        model: 'graduated',
        properties: { tiers: TIERS },
        filters: [{ key: 'region', values: ['eu'] }],
      },
      {
        billableMetricCode: 'api_calls',
        model: 'volume',
        properties: { tiers: TIERS },
        filters: [{ key: 'region', values: ['us'] }],
      },
      { billableMetricCode: 'storage_gb', model: 'standard', properties: { unitAmount: '0.0125' } },
      {
        billableMetricCode: 'seats',
        model: 'package',
        properties: { amount: '50', packageSize: 10, freeUnits: 5 },
      },
      {
        billableMetricCode: 'payments',
        model: 'percentage',
        properties: { rate: '2.9', fixedAmount: '0.30', perEventMinAmount: '0.50', perEventMaxAmount: '10' },
      },
    ],
    ...overrides,
  });

  it('creates a plan with a charge of every model, normalised and readable', async () => {
    const created = await post(owner.accessToken, '/v1/plans', startup()).expect(201);
    expect(created.body).toMatchObject({
      code: 'startup',
      version: 1,
      currency: 'EUR',
      interval: 'month',
      intervalCount: 1,
      baseFee: 4900,
      baseFeeTiming: 'in_advance',
      trialDays: 14,
      minimumCommitment: 10000,
    });
    expect(created.body.charges.map((c: { model: string }) => c.model)).toEqual([
      'graduated',
      'volume',
      'standard',
      'package',
      'percentage',
    ]);
    expect(created.body.charges[0]).toMatchObject({
      billableMetricCode: 'api_calls',
      properties: { tiers: TIERS },
      filters: [{ key: 'region', values: ['eu'] }],
    });
    expect(created.body.charges[4].properties).toEqual({
      rate: '2.9',
      fixedAmount: '0.3',
      perEventMinAmount: '0.5',
      perEventMaxAmount: '10',
    });
    const read = await get(owner.accessToken, '/v1/plans/startup').expect(200);
    expect(read.body).toEqual(created.body);
    const list = await get(owner.accessToken, '/v1/plans').expect(200);
    expect(list.body.data).toEqual([created.body]);

    const duplicate = await post(owner.accessToken, '/v1/plans', startup()).expect(409);
    expect(duplicate.body.code).toBe('unique_violation');
  });

  it('accepts JSON numbers for decimals and stores canonical strings', async () => {
    const res = await post(owner.accessToken, '/v1/plans', {
      code: 'numbers',
      name: 'Numbers',
      currency: 'JPY',
      interval: 'year',
      charges: [
        {
          billableMetricCode: 'storage_gb',
          model: 'graduated',
          properties: {
            tiers: [
              { from: 0, upTo: 100, unitAmount: 2 },
              { from: 100, upTo: null, unitAmount: 1.5 },
            ],
          },
        },
      ],
    }).expect(201);
    expect(res.body.charges[0].properties.tiers).toEqual([
      { from: '0', upTo: '100', unitAmount: '2', flatAmount: '0' },
      { from: '100', upTo: null, unitAmount: '1.5', flatAmount: '0' },
    ]);
  });

  it.each([
    [{ currency: 'EURO' }, 'currency'],
    [{ currency: 'XYZ' }, 'currency'],
    [
      {
        charges: [
          {
            billableMetricCode: 'api_calls',
            model: 'graduated',
            properties: { tiers: [TIERS[0], { ...TIERS[1], from: '6' }, TIERS[2]] },
          },
        ],
      },
      'charges[0].properties.tiers[1].from',
    ],
    [
      {
        charges: [
          {
            billableMetricCode: 'api_calls',
            model: 'volume',
            properties: { tiers: [TIERS[0], TIERS[1], { ...TIERS[2], upTo: '20' }] },
          },
        ],
      },
      'charges[0].properties.tiers[2].upTo',
    ],
    [
      {
        charges: [
          {
            billableMetricCode: 'api_calls',
            model: 'graduated',
            properties: { tiers: [{ ...TIERS[0], from: '1' }, TIERS[1], TIERS[2]] },
          },
        ],
      },
      'charges[0].properties.tiers[0].from',
    ],
    [
      {
        charges: [
          {
            billableMetricCode: 'api_calls',
            model: 'volume',
            properties: { tiers: [TIERS[0], { ...TIERS[1], upTo: '4' }, TIERS[2]] },
          },
        ],
      },
      'charges[0].properties.tiers[1].upTo',
    ],
    [
      { charges: [{ billableMetricCode: 'api_calls', model: 'standard', properties: { unitAmount: '-1' } }] },
      'charges[0].properties.unitAmount',
    ],
    [
      { charges: [{ billableMetricCode: 'api_calls', model: 'standard', properties: { price: '1' } }] },
      'charges[0].properties.price',
    ],
    [
      {
        charges: [
          { billableMetricCode: 'api_calls', model: 'package', properties: { amount: '1', packageSize: 0 } },
        ],
      },
      'charges[0].properties.packageSize',
    ],
    [
      { charges: [{ billableMetricCode: 'payments', model: 'percentage', properties: { rate: '150' } }] },
      'charges[0].properties.rate',
    ],
    [
      { charges: [{ billableMetricCode: 'api_calls', model: 'percentage', properties: { rate: '1' } }] },
      'charges[0].model',
    ],
    [{ charges: [{ billableMetricCode: 'api_calls', model: 'flat', properties: {} }] }, 'charges[0].model'],
    [
      { charges: [{ billableMetricCode: 'nope', model: 'standard', properties: { unitAmount: '1' } }] },
      'charges[0].billableMetricCode',
    ],
    [
      {
        charges: [
          {
            billableMetricCode: 'api_calls',
            model: 'standard',
            properties: { unitAmount: '1' },
            filters: [{ key: 'colour', values: ['red'] }],
          },
        ],
      },
      'charges[0].filters[0].key',
    ],
    [
      {
        charges: [
          {
            billableMetricCode: 'api_calls',
            model: 'standard',
            properties: { unitAmount: '1' },
            filters: [{ key: 'region', values: ['eu', 'mars'] }],
          },
        ],
      },
      'charges[0].filters[0].values[1]',
    ],
    [
      {
        charges: [
          { billableMetricCode: 'storage_gb', model: 'standard', properties: { unitAmount: '1' } },
          { billableMetricCode: 'storage_gb', model: 'standard', properties: { unitAmount: '2' } },
        ],
      },
      'charges[1]',
    ],
  ])('422 for %j naming %s', async (overrides, field) => {
    const res = await post(
      owner.accessToken,
      '/v1/plans',
      startup({ code: 'invalid_plan', ...overrides }),
    ).expect(422);
    expect(res.body.code).toBe('invalid_plan');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.body.detail).toContain(field);
    await get(owner.accessToken, '/v1/plans/invalid_plan').expect(404);
  });

  it('rejects a malformed body with 400', async () => {
    const res = await post(
      owner.accessToken,
      '/v1/plans',
      startup({ code: 'bad_shape', interval: 'day', intervalCount: 13 }),
    ).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['interval', 'intervalCount']),
    );
  });

  it('creates a new version on PUT and leaves the old one unchanged and readable', async () => {
    const v1 = await post(owner.accessToken, '/v1/plans', startup({ code: 'versioned' })).expect(201);
    const { code: _code, ...definition } = startup();
    const v2 = await put(owner.accessToken, '/v1/plans/versioned', {
      ...definition,
      name: 'Startup 2',
      baseFee: 5900,
      charges: [{ billableMetricCode: 'storage_gb', model: 'standard', properties: { unitAmount: '0.02' } }],
    }).expect(200);
    expect(v2.body).toMatchObject({ code: 'versioned', version: 2, name: 'Startup 2', baseFee: 5900 });
    expect(v2.body.id).not.toBe(v1.body.id);
    expect(v2.body.charges).toHaveLength(1);

    const v3 = await post(owner.accessToken, '/v1/plans/versioned/versions', {
      ...definition,
      name: 'Startup 3',
    }).expect(201);
    expect(v3.body.version).toBe(3);

    expect((await get(owner.accessToken, '/v1/plans/versioned').expect(200)).body).toEqual(v3.body);
    expect((await get(owner.accessToken, '/v1/plans/versioned/versions/1').expect(200)).body).toEqual(
      v1.body,
    );
    expect((await get(owner.accessToken, '/v1/plans/versioned/versions/2').expect(200)).body).toEqual(
      v2.body,
    );
    await get(owner.accessToken, '/v1/plans/versioned/versions/4').expect(404);

    const versions = await get(owner.accessToken, '/v1/plans/versioned/versions').expect(200);
    expect(versions.body.data.map((p: { version: number }) => p.version)).toEqual([3, 2, 1]);
    const latest = await get(owner.accessToken, '/v1/plans?limit=100').expect(200);
    expect(latest.body.data.filter((p: { code: string }) => p.code === 'versioned')).toEqual([v3.body]);

    // An invalid new version writes nothing.
    await put(owner.accessToken, '/v1/plans/versioned', { ...definition, currency: 'ABC' }).expect(422);
    await put(owner.accessToken, '/v1/plans/nonexistent', definition).expect(404);
    expect((await get(owner.accessToken, '/v1/plans/versioned').expect(200)).body.version).toBe(3);
  });

  it('settles concurrent new versions with the unique index: contiguous numbers, losers get a 409', async () => {
    await post(owner.accessToken, '/v1/plans', startup({ code: 'raced', charges: [] })).expect(201);
    const { code: _code, ...definition } = startup({ charges: [] });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        put(owner.accessToken, '/v1/plans/raced', { ...definition, name: `v${i}` }),
      ),
    );
    for (const res of results) expect([200, 409]).toContain(res.status);
    const won = results.filter((r) => r.status === 200).length;
    expect(won).toBeGreaterThanOrEqual(1);
    const versions = await get(owner.accessToken, '/v1/plans/raced/versions').expect(200);
    expect(versions.body.data.map((p: { version: number }) => p.version)).toEqual(
      Array.from({ length: won + 1 }, (_, i) => won + 1 - i),
    );
  });

  it('is invisible to another organisation and read-only for a viewer', async () => {
    await post(owner.accessToken, '/v1/plans', startup({ code: 'private_plan' })).expect(201);
    const { code: _code, ...definition } = startup();
    const other = await signUpAndLogin(t, 'plans-intruder');
    await get(other.accessToken, '/v1/plans/private_plan').expect(404);
    await get(other.accessToken, '/v1/plans/private_plan/versions').expect(404);
    await get(other.accessToken, '/v1/plans/private_plan/versions/1').expect(404);
    await put(other.accessToken, '/v1/plans/private_plan', { ...definition, charges: [] }).expect(404);
    expect((await get(other.accessToken, '/v1/plans').expect(200)).body.data).toEqual([]);
    // B cannot reference A's metrics either.
    const foreign = await post(other.accessToken, '/v1/plans', startup({ code: 'foreign' })).expect(422);
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).toContain(
      'charges[0].billableMetricCode',
    );

    const viewer = await addMember(t, owner, 'viewer');
    await get(viewer.accessToken, '/v1/plans/private_plan').expect(200);
    await get(viewer.accessToken, '/v1/plans/private_plan/versions').expect(200);
    const denied = await put(viewer.accessToken, '/v1/plans/private_plan', definition).expect(403);
    expect(denied.body.detail).toContain(Permission.CatalogWrite);
    const deniedCreate = await post(viewer.accessToken, '/v1/plans', startup({ code: 'viewer_plan' })).expect(
      403,
    );
    expect(deniedCreate.body.detail).toContain(Permission.CatalogWrite);
  });
});
