import { Permission } from '@app/core';
import { ROLE_PERMISSIONS, Role } from '../roles';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  login,
  mailedToken,
  signUpAndLogin,
  startAuthApp,
  strongPassword,
  uniqueEmail,
} from '../../../../test/kit/auth-test-kit';

describe('organisation profile, members, invitations and roles', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  it('reads and updates the organisation profile with validated fields', async () => {
    const owner = await signUpAndLogin(t, 'profile');
    const org = await t
      .http()
      .get('/v1/org')
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(org.body).toMatchObject({
      id: owner.orgId,
      name: 'profile Ltd',
      defaultCurrency: 'USD',
      require2fa: false,
    });

    const patch = {
      legalName: 'Profile Limited',
      address: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
      defaultCurrency: 'EUR',
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
    };
    const updated = await t
      .http()
      .patch('/v1/org')
      .set(...bearer(owner.accessToken))
      .send(patch)
      .expect(200);
    expect(updated.body).toMatchObject({ ...patch, name: 'profile Ltd' });

    for (const bad of [
      { defaultCurrency: 'EURO' },
      { timezone: 'Mars/Olympus' },
      { id: 'x' },
      { name: null },
      { taxIds: null },
      { locale: 'not a locale!' },
    ]) {
      const res = await t
        .http()
        .patch('/v1/org')
        .set(...bearer(owner.accessToken))
        .send(bad)
        .expect(400);
      expect(res.body.code).toBe('validation_failed');
    }

    const cleared = await t
      .http()
      .patch('/v1/org')
      .set(...bearer(owner.accessToken))
      .send({ legalName: null })
      .expect(200);
    expect(cleared.body.legalName).toBeNull();
  });

  it('invites a new person and an existing user; both accept by the mailed link', async () => {
    const owner = await signUpAndLogin(t, 'inviter');
    const newcomer = await addMember(t, owner, Role.Finance, 'newcomer');
    expect(newcomer.orgId).toBe(owner.orgId);

    // An existing user (with their own org) joins a second org, then switches to it.
    const existing = await signUpAndLogin(t, 'existing');
    await t
      .http()
      .post('/v1/org/invitations')
      .set(...bearer(owner.accessToken))
      .send({ email: existing.email, role: Role.Viewer })
      .expect(201);
    const pending = await t
      .http()
      .get('/v1/org/invitations')
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(pending.body.data).toEqual([expect.objectContaining({ email: existing.email, role: 'viewer' })]);
    const token = await mailedToken(t, existing.email, /invited to join/);
    const accepted = await t.http().post('/v1/auth/invitations/accept').send({ token }).expect(200);
    expect(accepted.body).toEqual({
      organizationId: owner.orgId,
      userId: existing.userId,
      newAccount: false,
    });
    const reused = await t.http().post('/v1/auth/invitations/accept').send({ token }).expect(400);
    expect(reused.body.code).toBe('invalid_invitation_token');

    const switched = await t
      .http()
      .post('/v1/auth/switch-org')
      .set(...bearer(existing.accessToken))
      .send({ organizationId: owner.orgId })
      .expect(200);
    const me = await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(switched.body.accessToken))
      .expect(200);
    expect(me.body).toMatchObject({ organizationId: owner.orgId, role: 'viewer' });
    expect(me.body.memberships).toHaveLength(2);
    // The old session ended with the switch.
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(existing.accessToken))
      .expect(401);
    // Not a member of a random org: 404.
    await t
      .http()
      .post('/v1/auth/switch-org')
      .set(...bearer(switched.body.accessToken))
      .send({ organizationId: newcomer.userId })
      .expect(404);

    const members = await t
      .http()
      .get('/v1/org/members')
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(members.body.data.map((m: { role: string }) => m.role).sort()).toEqual([
      'finance',
      'owner',
      'viewer',
    ]);
  });

  it('refuses a new account without details and a revoked invitation', async () => {
    const owner = await signUpAndLogin(t, 'revoker');
    const email = uniqueEmail('invitee');
    const invitation = await t
      .http()
      .post('/v1/org/invitations')
      .set(...bearer(owner.accessToken))
      .send({ email, role: Role.Developer })
      .expect(201);
    const token = await mailedToken(t, email, /invited to join/);
    const noDetails = await t.http().post('/v1/auth/invitations/accept').send({ token }).expect(422);
    expect(noDetails.body.code).toBe('account_details_required');
    const weak = await t
      .http()
      .post('/v1/auth/invitations/accept')
      .send({ token, name: 'Weak', password: 'password1234' })
      .expect(422);
    expect(weak.body.code).toBe('password_too_common');
    await t
      .http()
      .delete(`/v1/org/invitations/${invitation.body.id}`)
      .set(...bearer(owner.accessToken))
      .expect(204);
    const revoked = await t
      .http()
      .post('/v1/auth/invitations/accept')
      .send({ token, name: 'Late', password: strongPassword() })
      .expect(400);
    expect(revoked.body.code).toBe('invalid_invitation_token');
  });

  it('protects the last owner, and only owners grant the owner role', async () => {
    const owner = await signUpAndLogin(t, 'lone-owner');
    const admin = await addMember(t, owner, Role.Admin);

    const demote = await t
      .http()
      .patch(`/v1/org/members/${owner.userId}`)
      .set(...bearer(owner.accessToken))
      .send({ role: Role.Admin })
      .expect(409);
    expect(demote.body.code).toBe('last_owner');
    const remove = await t
      .http()
      .delete(`/v1/org/members/${owner.userId}`)
      .set(...bearer(owner.accessToken))
      .expect(409);
    expect(remove.body.code).toBe('last_owner');

    const escalate = await t
      .http()
      .patch(`/v1/org/members/${admin.userId}`)
      .set(...bearer(admin.accessToken))
      .send({ role: Role.Owner })
      .expect(403);
    expect(escalate.body.code).toBe('owner_role_required');
    await t
      .http()
      .post('/v1/org/invitations')
      .set(...bearer(admin.accessToken))
      .send({ email: uniqueEmail(), role: Role.Owner })
      .expect(403);

    // With a second owner, the first can step down; then the second is the last one.
    const promoted = await t
      .http()
      .patch(`/v1/org/members/${admin.userId}`)
      .set(...bearer(owner.accessToken))
      .send({ role: Role.Owner })
      .expect(200);
    expect(promoted.body).toMatchObject({ userId: admin.userId, role: 'owner' });
    await t
      .http()
      .patch(`/v1/org/members/${owner.userId}`)
      .set(...bearer(owner.accessToken))
      .send({ role: Role.Viewer })
      .expect(200);
    await t
      .http()
      .delete(`/v1/org/members/${admin.userId}`)
      .set(...bearer(admin.accessToken))
      .expect(409);

    // A removed member's tokens stop working at once.
    const finance = await addMember(t, admin, Role.Finance);
    await t
      .http()
      .delete(`/v1/org/members/${finance.userId}`)
      .set(...bearer(admin.accessToken))
      .expect(204);
    await t
      .http()
      .get('/v1/org')
      .set(...bearer(finance.accessToken))
      .expect(401);
    await t
      .http()
      .delete(`/v1/org/members/${finance.userId}`)
      .set(...bearer(admin.accessToken))
      .expect(404);
  });

  it("treats another organisation's members and invitations as not found", async () => {
    const a = await signUpAndLogin(t, 'tenant-a');
    const b = await signUpAndLogin(t, 'tenant-b');
    const invitation = await t
      .http()
      .post('/v1/org/invitations')
      .set(...bearer(b.accessToken))
      .send({ email: uniqueEmail(), role: Role.Viewer })
      .expect(201);
    await t
      .http()
      .patch(`/v1/org/members/${b.userId}`)
      .set(...bearer(a.accessToken))
      .send({ role: Role.Viewer })
      .expect(404);
    await t
      .http()
      .delete(`/v1/org/members/${b.userId}`)
      .set(...bearer(a.accessToken))
      .expect(404);
    await t
      .http()
      .delete(`/v1/org/invitations/${invitation.body.id}`)
      .set(...bearer(a.accessToken))
      .expect(404);
    await login(t, b.email, b.password); // b is untouched
  });
});

describe('role × permission matrix (driven by ROLE_PERMISSIONS)', () => {
  let t: AuthTestApp;
  const members = new Map<Role, SignedUpUser>();
  beforeAll(async () => {
    t = await startAuthApp();
    const owner = await signUpAndLogin(t, 'matrix-owner');
    members.set(Role.Owner, owner);
    for (const role of [Role.Admin, Role.Finance, Role.Developer, Role.Viewer]) {
      members.set(role, await addMember(t, owner, role));
    }
  });
  afterAll(() => t.stop());

  // Each route is hit with a body that fails validation, so an allowed call is a 400 or 200, never a change.
  const routes: {
    permission: Permission;
    method: 'get' | 'patch' | 'post';
    path: string;
    allowed: number;
  }[] = [
    { permission: Permission.OrgRead, method: 'get', path: '/v1/org', allowed: 200 },
    { permission: Permission.OrgManage, method: 'patch', path: '/v1/org', allowed: 400 },
    { permission: Permission.MembersRead, method: 'get', path: '/v1/org/members', allowed: 200 },
    { permission: Permission.MembersManage, method: 'post', path: '/v1/org/invitations', allowed: 400 },
    { permission: Permission.ApiKeysManage, method: 'get', path: '/v1/api-keys', allowed: 200 },
  ];

  it.each(Object.values(Role))('%s can do exactly what the role table says', async (role) => {
    const member = members.get(role)!;
    for (const route of routes) {
      const res = await t
        .http()
        [route.method](route.path)
        .set(...bearer(member.accessToken))
        .send(route.method === 'get' ? undefined : { unknownField: true });
      const granted = ROLE_PERMISSIONS[role].includes(route.permission);
      expect({ route: route.path, method: route.method, status: res.status }).toEqual({
        route: route.path,
        method: route.method,
        status: granted ? route.allowed : 403,
      });
      if (!granted) {
        expect(res.body.code).toBe('permission_denied');
        expect(res.body.detail).toContain(route.permission);
      }
    }
  });
});
