import { DataSource } from 'typeorm';
import { Permission } from '@app/core';
import { buildOpenApiDocument } from '../../apps/api/src/openapi';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  login,
  signUpAndLogin,
  startAuthApp,
  uniqueEmail,
} from '../kit/auth-test-kit';

/**
 * The cross-tenant probe. It enumerates EVERY operation in the OpenAPI document (so routes added by later
 * issues are covered without touching this file), calls each one with organisation B's credentials on
 * organisation A's resource ids, and fails if an answer carries any of A's data, or if anything of A's
 * changed in the database.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const NOT_TENANT_ROUTES = /^\/(v1\/admin\/|health\/|metrics|docs)/;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
}

function operationsOf(document: ReturnType<typeof buildOpenApiDocument>): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    NOT_TENANT_ROUTES.test(path)
      ? []
      : METHODS.filter((method) => item[method]).map((method) => ({ method, path })),
  );
}

/** Every row of org A in every table that has an org_id column, plus A's users, as one comparable text. */
async function snapshotOf(dataSource: DataSource, orgId: string, userIds: string[]): Promise<string> {
  const tables: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'org_id' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const [{ rows }] = await dataSource.query(
      `SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') AS rows FROM "${table}" t WHERE org_id = $1`,
      [orgId],
    );
    parts.push(`${table}:${rows}`);
  }
  const [{ rows: users }] = await dataSource.query(
    `SELECT coalesce(string_agg(u::text, '|' ORDER BY u::text), '') AS rows FROM users u WHERE id = ANY($1)`,
    [userIds],
  );
  return [...parts, `users:${users}`].join('\n');
}

describe('cross-tenant probe: organisation B can neither see nor change organisation A', () => {
  let t: AuthTestApp;
  let alpha: SignedUpUser;
  let beta: SignedUpUser;
  let betaKey: string;
  const markers = new Set<string>();

  beforeAll(async () => {
    t = await startAuthApp();
    alpha = await signUpAndLogin(t, 'alpha');
    const alphaFinance = await addMember(t, alpha, 'finance', 'alpha-finance');
    await t
      .http()
      .patch('/v1/org')
      .set(...bearer(alpha.accessToken))
      .send({ legalName: 'Alpha Marker Holdings GmbH' })
      .expect(200);
    await t
      .http()
      .post('/v1/api-keys')
      .set(...bearer(alpha.accessToken))
      .send({ name: 'alpha integration', scopes: [Permission.CustomersRead] })
      .expect(201);
    await t
      .http()
      .post('/v1/org/invitations')
      .set(...bearer(alpha.accessToken))
      .send({ email: uniqueEmail('alpha-invitee'), role: 'viewer' })
      .expect(201);
    for (const marker of [alpha.email, alphaFinance.email, 'Alpha Marker Holdings GmbH', alpha.orgId])
      markers.add(marker);

    beta = await signUpAndLogin(t, 'beta');
    const key = await t
      .http()
      .post('/v1/api-keys')
      .set(...bearer(beta.accessToken))
      .send({ name: 'beta all scopes', scopes: Object.values(Permission) })
      .expect(201);
    betaKey = key.body.secret;
  });
  afterAll(() => t.stop());

  /** A's resource ids, read by A itself from every list route it can call. */
  async function alphaIds(operations: Operation[]): Promise<string[]> {
    const ids = new Set<string>([alpha.orgId, alpha.userId]);
    for (const op of operations.filter((o) => o.method === 'get' && !o.path.includes('{'))) {
      const res = await t
        .http()
        .get(op.path)
        .set(...bearer(alpha.accessToken));
      if (res.status === 200)
        for (const id of JSON.stringify(res.body).match(UUID) ?? []) ids.add(id.toLowerCase());
    }
    for (const id of [beta.orgId, beta.userId]) ids.delete(id);
    return [...ids];
  }

  it('finds tenant routes to probe', () => {
    const operations = operationsOf(buildOpenApiDocument(t.app));
    expect(operations.length).toBeGreaterThan(20);
    expect(operations).toEqual(expect.arrayContaining([{ method: 'delete', path: '/v1/api-keys/{id}' }]));
  });

  it('answers no call of B with A data and changes nothing of A', async () => {
    const operations = operationsOf(buildOpenApiDocument(t.app));
    const ids = await alphaIds(operations);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) markers.add(id);
    const dataSource = t.app.get(DataSource);
    const alphaUsers = ids; // any of them that are user ids are covered by the users snapshot
    const before = await snapshotOf(dataSource, alpha.orgId, alphaUsers);

    let betaToken = beta.accessToken;
    const leaks: string[] = [];
    let calls = 0;
    const call = async (op: Operation, path: string, credential: 'jwt' | 'key') => {
      const send = () => {
        const request = t
          .http()
          [op.method](path)
          .set('authorization', `Bearer ${credential === 'jwt' ? betaToken : betaKey}`);
        return op.method === 'get' || op.method === 'delete' ? request : request.send({});
      };
      let res = await send();
      if (res.status === 401 && credential === 'jwt') {
        // Some calls end B's own session (logout-all, password change); log in again and retry.
        betaToken = (await login(t, beta.email, beta.password)).accessToken;
        res = await send();
      }
      calls++;
      const text = JSON.stringify(res.body ?? '') + (res.text ?? '') + JSON.stringify(res.headers);
      for (const marker of markers) {
        // An id that B itself put in the path may be echoed back (e.g. "No api key with id …"); that is no leak.
        if (path.includes(marker)) continue;
        if (text.toLowerCase().includes(marker.toLowerCase())) {
          leaks.push(`${op.method.toUpperCase()} ${path} (${credential}) → ${res.status} contains ${marker}`);
        }
      }
      if (ids.some((id) => path.includes(id))) {
        if (res.status >= 200 && res.status < 300)
          leaks.push(`${op.method.toUpperCase()} ${path} (${credential}) → ${res.status}`);
      }
    };

    for (const op of operations) {
      const params = op.path.match(/\{[^}]+\}/g) ?? [];
      if (params.length === 0) {
        for (const credential of ['jwt', 'key'] as const) await call(op, op.path, credential);
        continue;
      }
      for (const id of ids) {
        const path = params.reduce((p, param) => p.replace(param, id), op.path);
        for (const credential of ['jwt', 'key'] as const) await call(op, path, credential);
      }
    }

    // A body naming A's organisation must not move B into it.
    const switched = await t
      .http()
      .post('/v1/auth/switch-org')
      .set(...bearer(betaToken))
      .send({ organizationId: alpha.orgId });
    expect([403, 404]).toContain(switched.status);

    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(100);
    expect(await snapshotOf(dataSource, alpha.orgId, alphaUsers)).toBe(before);
    // Every route × every id of A × two credentials: the probe grows with the API, not with a slow path.
  }, 180_000);
});
