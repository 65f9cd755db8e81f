import { Permission } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';

describe('billable metrics', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'metrics');
  });
  afterAll(() => t.stop());

  const post = (token: string, path: string, body: object) =>
    t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body);
  const get = (token: string, path: string) =>
    t
      .http()
      .get(path)
      .set(...bearer(token));

  const storage = {
    code: 'storage_gb',
    name: 'Storage',
    aggregation: 'max',
    fieldName: 'gb',
    filters: [{ key: 'region', values: ['eu', 'us'] }],
  };

  it('creates, reads, lists, updates, archives and deletes a metric', async () => {
    const created = await post(owner.accessToken, '/v1/billable-metrics', storage).expect(201);
    expect(created.body).toMatchObject({ ...storage, description: null, archivedAt: null });

    const read = await get(owner.accessToken, '/v1/billable-metrics/storage_gb').expect(200);
    expect(read.body).toEqual(created.body);
    const list = await get(owner.accessToken, '/v1/billable-metrics').expect(200);
    expect(list.body.data.map((m: { code: string }) => m.code)).toContain('storage_gb');

    const patched = await t
      .http()
      .patch('/v1/billable-metrics/storage_gb')
      .set(...bearer(owner.accessToken))
      .send({ name: 'Storage (GB)', aggregation: 'latest' })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'Storage (GB)', aggregation: 'latest', fieldName: 'gb' });

    const archived = await post(owner.accessToken, '/v1/billable-metrics/storage_gb/archive', {}).expect(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const active = await get(owner.accessToken, '/v1/billable-metrics').expect(200);
    expect(active.body.data.map((m: { code: string }) => m.code)).not.toContain('storage_gb');
    const all = await get(owner.accessToken, '/v1/billable-metrics?includeArchived=true').expect(200);
    expect(all.body.data.map((m: { code: string }) => m.code)).toContain('storage_gb');

    await t
      .http()
      .delete('/v1/billable-metrics/storage_gb')
      .set(...bearer(owner.accessToken))
      .expect(204);
    await get(owner.accessToken, '/v1/billable-metrics/storage_gb').expect(404);
  });

  it('answers 409 for a code already taken in the organisation, but not in another one', async () => {
    const body = { code: 'api_calls', name: 'API calls', aggregation: 'count' };
    await post(owner.accessToken, '/v1/billable-metrics', body).expect(201);
    const duplicate = await post(owner.accessToken, '/v1/billable-metrics', body).expect(409);
    expect(duplicate.body.code).toBe('unique_violation');
    const other = await signUpAndLogin(t, 'metrics-other');
    await post(other.accessToken, '/v1/billable-metrics', body).expect(201);
  });

  it('validates the definition and names the field', async () => {
    const bad = async (body: object, status: number, field: string) => {
      const res = await post(owner.accessToken, '/v1/billable-metrics', {
        code: 'x_metric',
        name: 'X',
        aggregation: 'sum',
        fieldName: 'amount',
        ...body,
      });
      expect(res.status).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ code: 'Not-Valid' }, 400, 'code');
    await bad({ code: 'x'.repeat(65) }, 400, 'code');
    await bad({ aggregation: 'avg' }, 400, 'aggregation');
    await bad({ colour: 'red' }, 400, 'colour');
    await bad({ fieldName: undefined }, 422, 'fieldName');
    await bad({ aggregation: 'count', fieldName: 'amount' }, 422, 'fieldName');
    await bad({ filters: [{ key: 'region', values: [] }] }, 400, 'filters.0.values');
    await bad(
      {
        filters: [
          { key: 'region', values: ['eu'] },
          { key: 'region', values: ['us'] },
        ],
      },
      422,
      'filters[1].key',
    );
    await bad({ filters: [{ key: 'region', values: ['eu', 'eu'] }] }, 422, 'filters[0].values[1]');
    const res = await post(owner.accessToken, '/v1/billable-metrics', {
      code: 'x_metric',
      name: 'X',
      aggregation: 'unique_count',
    });
    expect(res.body).toMatchObject({ status: 422, code: 'invalid_billable_metric' });
  });

  it('refuses to delete or redefine a metric a plan uses, and lets it be archived', async () => {
    await post(owner.accessToken, '/v1/billable-metrics', {
      code: 'seats',
      name: 'Seats',
      aggregation: 'max',
      fieldName: 'n',
    }).expect(201);
    await post(owner.accessToken, '/v1/plans', {
      code: 'uses_seats',
      name: 'Uses seats',
      currency: 'EUR',
      interval: 'month',
      charges: [{ billableMetricCode: 'seats', model: 'standard', properties: { unitAmount: '5' } }],
    }).expect(201);
    const deleted = await t
      .http()
      .delete('/v1/billable-metrics/seats')
      .set(...bearer(owner.accessToken))
      .expect(409);
    expect(deleted.body.code).toBe('billable_metric_in_use');
    const redefined = await t
      .http()
      .patch('/v1/billable-metrics/seats')
      .set(...bearer(owner.accessToken))
      .send({ aggregation: 'sum' })
      .expect(409);
    expect(redefined.body.code).toBe('billable_metric_in_use');
    await t
      .http()
      .patch('/v1/billable-metrics/seats')
      .set(...bearer(owner.accessToken))
      .send({ name: 'Seats in use' })
      .expect(200);
    await post(owner.accessToken, '/v1/billable-metrics/seats/archive', {}).expect(200);
    // The plan still shows it; a new plan cannot use it.
    const plan = await get(owner.accessToken, '/v1/plans/uses_seats').expect(200);
    expect(plan.body.charges[0].billableMetricCode).toBe('seats');
    const refused = await post(owner.accessToken, '/v1/plans', {
      code: 'new_seats',
      name: 'New',
      currency: 'EUR',
      interval: 'month',
      charges: [{ billableMetricCode: 'seats', model: 'standard', properties: { unitAmount: '5' } }],
    }).expect(422);
    expect(refused.body.errors[0].field).toBe('charges[0].billableMetricCode');
  });

  it('is invisible to another organisation and read-only for a viewer', async () => {
    await post(owner.accessToken, '/v1/billable-metrics', {
      code: 'private_metric',
      name: 'P',
      aggregation: 'count',
    }).expect(201);
    const other = await signUpAndLogin(t, 'metrics-intruder');
    await get(other.accessToken, '/v1/billable-metrics/private_metric').expect(404);
    await t
      .http()
      .patch('/v1/billable-metrics/private_metric')
      .set(...bearer(other.accessToken))
      .send({ name: 'mine' })
      .expect(404);
    await t
      .http()
      .delete('/v1/billable-metrics/private_metric')
      .set(...bearer(other.accessToken))
      .expect(404);
    const list = await get(other.accessToken, '/v1/billable-metrics').expect(200);
    expect(list.body.data).toEqual([]);

    const viewer = await addMember(t, owner, 'viewer');
    await get(viewer.accessToken, '/v1/billable-metrics/private_metric').expect(200);
    const denied = await post(viewer.accessToken, '/v1/billable-metrics', {
      code: 'v',
      name: 'V',
      aggregation: 'count',
    }).expect(403);
    expect(denied.body.detail).toContain(Permission.CatalogWrite);
  });
});
