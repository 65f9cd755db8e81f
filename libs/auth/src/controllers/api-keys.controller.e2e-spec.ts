import { DataSource } from 'typeorm';
import { Permission } from '@app/core';
import { Role } from '../roles';
import {
  AuthTestApp,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';

describe('API keys', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  const createKey = async (token: string, body: object) =>
    t
      .http()
      .post('/v1/api-keys')
      .set(...bearer(token))
      .send(body);

  it('returns the secret once, stores only a hash, and authorises by scopes', async () => {
    const owner = await signUpAndLogin(t, 'integrator');
    const created = await createKey(owner.accessToken, { name: 'CI', scopes: [Permission.OrgRead] });
    expect(created.status).toBe(201);
    const { secret, id, prefix } = created.body;
    expect(secret).toMatch(/^bk_live_[\w-]{43}$/);
    expect(secret.startsWith(`bk_live_${prefix}`)).toBe(true);

    const [row] = await t.app.get(DataSource).query('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(JSON.stringify(row)).not.toContain(secret.slice(8));
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);

    const org = await t
      .http()
      .get('/v1/org')
      .set(...bearer(secret))
      .expect(200);
    expect(org.body.id).toBe(owner.orgId);
    const denied = await t
      .http()
      .get('/v1/org/members')
      .set(...bearer(secret))
      .expect(403);
    expect(denied.body).toMatchObject({ code: 'permission_denied' });
    expect(denied.body.detail).toContain('members:read');

    // Keys are not users: account routes refuse them.
    const me = await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(secret))
      .expect(403);
    expect(me.body.code).toBe('user_principal_required');

    const list = await t
      .http()
      .get('/v1/api-keys')
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(list.body.data).toEqual([expect.objectContaining({ id, name: 'CI', scopes: ['org:read'] })]);
    expect(list.body.data[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('never stores or replays a secret through idempotency keys', async () => {
    const owner = await signUpAndLogin(t, 'idem');
    const send = () =>
      t
        .http()
        .post('/v1/api-keys')
        .set(...bearer(owner.accessToken))
        .set('idempotency-key', 'same-key-twice')
        .send({ name: 'idem', scopes: [Permission.OrgRead] })
        .expect(201);
    const first = await send();
    const second = await send();
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.secret).not.toBe(first.body.secret);
    // @SkipIdempotency() on the auth controllers too: a login's tokens are neither stored nor replayed.
    const login = () =>
      t
        .http()
        .post('/v1/auth/login')
        .set('idempotency-key', 'same-login-twice')
        .send({ email: owner.email, password: owner.password })
        .expect(200);
    const firstLogin = await login();
    const secondLogin = await login();
    expect(secondLogin.headers['idempotent-replayed']).toBeUndefined();
    expect(secondLogin.body.refreshToken).not.toBe(firstLogin.body.refreshToken);
    const stored = await t.app.get(DataSource).query('SELECT * FROM idempotency_keys');
    expect(JSON.stringify(stored)).not.toContain(first.body.secret);
    expect(JSON.stringify(stored)).not.toContain(firstLogin.body.refreshToken);
    expect(stored).toEqual([]);
  });

  it('limits scopes to the permissions of the creator', async () => {
    const owner = await signUpAndLogin(t, 'scoper');
    const developer = await addMember(t, owner, Role.Developer);
    const res = await createKey(developer.accessToken, {
      name: 'too much',
      scopes: [Permission.CatalogWrite, Permission.PaymentsRefund],
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('scope_not_allowed');
    expect(res.body.detail).toContain('payments:refund');
    const ok = await createKey(developer.accessToken, { name: 'ok', scopes: [Permission.CatalogWrite] });
    expect(ok.status).toBe(201);
    const unknown = await createKey(developer.accessToken, { name: 'x', scopes: ['root:all'] });
    expect(unknown.status).toBe(400);
    const viewer = await addMember(t, owner, Role.Viewer);
    expect((await createKey(viewer.accessToken, { name: 'x', scopes: [Permission.OrgRead] })).status).toBe(
      403,
    );
  });

  it('stops working when revoked or expired', async () => {
    const owner = await signUpAndLogin(t, 'revoker');
    const revoked = (await createKey(owner.accessToken, { name: 'r', scopes: [Permission.OrgRead] })).body;
    await t
      .http()
      .delete(`/v1/api-keys/${revoked.id}`)
      .set(...bearer(owner.accessToken))
      .expect(204);
    const revokedRes = await t
      .http()
      .get('/v1/org')
      .set(...bearer(revoked.secret))
      .expect(401);
    expect(revokedRes.body.code).toBe('api_key_revoked');
    expect(revokedRes.headers['www-authenticate']).toMatch(/^Bearer/);

    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const expiring = (
      await createKey(owner.accessToken, { name: 'e', scopes: [Permission.OrgRead], expiresAt })
    ).body;
    await t
      .http()
      .get('/v1/org')
      .set(...bearer(expiring.secret))
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = await t
      .http()
      .get('/v1/org')
      .set(...bearer(expiring.secret))
      .expect(401);
    expect(expired.body.code).toBe('api_key_expired');

    const past = await createKey(owner.accessToken, {
      name: 'p',
      scopes: [Permission.OrgRead],
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
  });

  it('rotates with a grace period for the old secret', async () => {
    const owner = await signUpAndLogin(t, 'rotator');
    const original = (await createKey(owner.accessToken, { name: 'rot', scopes: [Permission.OrgRead] })).body;

    const rotated = await t
      .http()
      .post(`/v1/api-keys/${original.id}/rotate`)
      .set(...bearer(owner.accessToken))
      .send({})
      .expect(201);
    expect(rotated.body.secret).not.toBe(original.secret);
    expect(rotated.body.scopes).toEqual(['org:read']);
    for (const secret of [original.secret, rotated.body.secret]) {
      await t
        .http()
        .get('/v1/org')
        .set(...bearer(secret))
        .expect(200);
    }
    const list = await t
      .http()
      .get('/v1/api-keys')
      .set(...bearer(owner.accessToken))
      .expect(200);
    const old = list.body.data.find((k: { id: string }) => k.id === original.id);
    expect(old.replacedBy).toBe(rotated.body.id);
    const hoursLeft = (new Date(old.expiresAt).getTime() - Date.now()) / 3600_000;
    expect(hoursLeft).toBeGreaterThan(23.9);
    expect(hoursLeft).toBeLessThanOrEqual(24);

    // A key can be rotated once; rotating with no grace ends the old secret at once.
    await t
      .http()
      .post(`/v1/api-keys/${original.id}/rotate`)
      .set(...bearer(owner.accessToken))
      .send({})
      .expect(404);
    const again = await t
      .http()
      .post(`/v1/api-keys/${rotated.body.id}/rotate`)
      .set(...bearer(owner.accessToken))
      .send({ gracePeriodHours: 0 })
      .expect(201);
    const ended = await t
      .http()
      .get('/v1/org')
      .set(...bearer(rotated.body.secret))
      .expect(401);
    expect(ended.body.code).toBe('api_key_expired');
    await t
      .http()
      .get('/v1/org')
      .set(...bearer(again.body.secret))
      .expect(200);
  });

  it("cannot see or touch another organisation's keys", async () => {
    const a = await signUpAndLogin(t, 'key-a');
    const b = await signUpAndLogin(t, 'key-b');
    const key = (await createKey(b.accessToken, { name: 'b', scopes: [Permission.OrgRead] })).body;
    await t
      .http()
      .delete(`/v1/api-keys/${key.id}`)
      .set(...bearer(a.accessToken))
      .expect(404);
    await t
      .http()
      .post(`/v1/api-keys/${key.id}/rotate`)
      .set(...bearer(a.accessToken))
      .send({})
      .expect(404);
    const list = await t
      .http()
      .get('/v1/api-keys')
      .set(...bearer(a.accessToken))
      .expect(200);
    expect(list.body.data).toEqual([]);
    const org = await t
      .http()
      .get('/v1/org')
      .set(...bearer(key.secret))
      .expect(200);
    expect(org.body.id).toBe(b.orgId);
  });
});
