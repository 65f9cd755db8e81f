import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import {
  AuthTestApp,
  bearer,
  login,
  mailedToken,
  mailsTo,
  TEST_JWT_SECRET,
  signUpAndLogin,
  startAuthApp,
  strongPassword,
  uniqueEmail,
} from '../../../../test/kit/auth-test-kit';

describe('sign-up, verification, login, refresh rotation and logout', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  it('signs up, verifies by the mailed link, logs in, rotates, detects reuse, logs out', async () => {
    const email = uniqueEmail('flow');
    const password = strongPassword();
    await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'Ada', email, password, organizationName: 'Ada Ltd' })
      .expect(202);

    // Not verified yet: the right password still gets no tokens.
    const early = await t.http().post('/v1/auth/login').send({ email, password }).expect(403);
    expect(early.body.code).toBe('email_not_verified');

    const token = await mailedToken(t, email, /Confirm your email/);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    await t.http().post('/v1/auth/verify-email').send({ token }).expect(200, { email });
    const reused = await t.http().post('/v1/auth/verify-email').send({ token }).expect(400);
    expect(reused.body.code).toBe('invalid_verification_token');

    const first = await t.http().post('/v1/auth/login').send({ email, password }).expect(200);
    expect(first.body).toMatchObject({ tokenType: 'Bearer', twoFactorRequired: false, expiresIn: 900 });
    const claims = JSON.parse(Buffer.from(first.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ role: 'owner', sid: first.body.sessionId });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);

    const me = await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(first.body.accessToken))
      .expect(200);
    expect(me.body).toMatchObject({ email, role: 'owner', emailVerified: true, organizationId: claims.org });
    expect(me.body.memberships).toEqual([
      { organizationId: claims.org, organizationName: 'Ada Ltd', role: 'owner' },
    ]);

    // Rotation: each refresh token works once and yields a new one.
    const second = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect(second.body.sessionId).toBe(first.body.sessionId);
    const third = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: second.body.refreshToken })
      .expect(200);

    // Reusing a rotated token revokes the whole family, including the newest tokens.
    const reuse = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
    expect(reuse.body.code).toBe('refresh_token_reused');
    const afterReuse = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: third.body.refreshToken })
      .expect(401);
    expect(afterReuse.body.code).toBe('invalid_refresh_token');
    const revoked = await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(third.body.accessToken))
      .expect(401);
    expect(revoked.body.code).toBe('session_revoked');
    expect(revoked.headers['www-authenticate']).toMatch(/^Bearer/);

    // A fresh login, then logout ends that session for access and refresh tokens.
    const fresh = await t.http().post('/v1/auth/login').send({ email, password }).expect(200);
    await t
      .http()
      .post('/v1/auth/logout')
      .set(...bearer(fresh.body.accessToken))
      .expect(204);
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(fresh.body.accessToken))
      .expect(401);
    const refreshAfterLogout = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: fresh.body.refreshToken })
      .expect(401);
    expect(refreshAfterLogout.body.code).toBe('invalid_refresh_token');
  });

  it('resends the verification link, answering the same for unknown addresses', async () => {
    const email = uniqueEmail('resend');
    await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'Re', email, password: strongPassword(), organizationName: 'Re Ltd' })
      .expect(202);
    await mailedToken(t, email, /Confirm your email/);
    const known = await t.http().post('/v1/auth/verify-email/resend').send({ email }).expect(202);
    const unknown = await t
      .http()
      .post('/v1/auth/verify-email/resend')
      .send({ email: uniqueEmail('nobody') })
      .expect(202);
    expect(unknown.body).toEqual(known.body);
    await t.drainJobs();
    await t.smtp.waitFor(() => mailsTo(t, email, /Confirm your email/).length === 2);
    const token = /token=([\w-]+)/.exec(mailsTo(t, email, /Confirm your email/)[1].text ?? '')![1];
    await t.http().post('/v1/auth/verify-email').send({ token }).expect(200, { email });
  });

  it('lists sessions with device and IP, revokes one, and logs out everywhere', async () => {
    const user = await signUpAndLogin(t, 'devices');
    const phone = await t
      .http()
      .post('/v1/auth/login')
      .set('user-agent', 'PhoneApp/1.0')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const list = await t
      .http()
      .get('/v1/auth/sessions')
      .set(...bearer(user.accessToken))
      .expect(200);
    expect(list.body.data).toHaveLength(2);
    const phoneSession = list.body.data.find((s: { id: string }) => s.id === phone.body.sessionId);
    expect(phoneSession).toMatchObject({ userAgent: 'PhoneApp/1.0', ip: expect.any(String), current: false });
    expect(list.body.data.find((s: { current: boolean }) => s.current)).toBeDefined();

    await t
      .http()
      .delete(`/v1/auth/sessions/${phone.body.sessionId}`)
      .set(...bearer(user.accessToken))
      .expect(204);
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(phone.body.accessToken))
      .expect(401);

    // Another user's session is not found, not revoked.
    const other = await signUpAndLogin(t, 'other');
    const otherSessions = await t
      .http()
      .get('/v1/auth/sessions')
      .set(...bearer(other.accessToken))
      .expect(200);
    await t
      .http()
      .delete(`/v1/auth/sessions/${otherSessions.body.data[0].id}`)
      .set(...bearer(user.accessToken))
      .expect(404);

    const tablet = await login(t, user.email, user.password);
    await t
      .http()
      .post('/v1/auth/logout-all')
      .set(...bearer(user.accessToken))
      .expect(204);
    for (const token of [user.accessToken, tablet.accessToken]) {
      await t
        .http()
        .get('/v1/auth/me')
        .set(...bearer(token))
        .expect(401);
    }
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(other.accessToken))
      .expect(200);
  });
});

describe('security events in the audit log', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  it('records logins, failed logins and refresh-token reuse in the organisation log', async () => {
    const user = await signUpAndLogin(t, 'audited');
    await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: 'wrong password!!' })
      .expect(401);
    const session = await login(t, user.email, user.password);
    await t.http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    await t.http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

    const log = await t
      .http()
      .get('/v1/audit-log')
      .query({ action: 'auth.*', limit: 50 })
      .set(...bearer(user.accessToken))
      .expect(200);
    const actions = (log.body.data as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login_failed',
        'auth.login_succeeded',
        'auth.refresh_token_reused',
        'auth.email_verified',
      ]),
    );
    expect(JSON.stringify(log.body)).not.toContain('wrong password');
  });
});

describe('bad input and bad credentials', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  const count = async (table: string): Promise<number> => {
    const [row] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  };

  it.each([
    ['short', 'Short pass1', 'password_too_short'],
    ['common', 'passwordpassword', 'password_too_common'],
    ['common (any case)', '1Qaz2Wsx3Edc', 'password_too_common'],
    ['too long', 'x'.repeat(129), 'password_too_long'],
  ])('refuses a %s password with 422 naming the rule, creating nothing', async (_kind, password, code) => {
    const [orgs, users] = [await count('organizations'), await count('users')];
    const res = await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'Bob', email: uniqueEmail(), password, organizationName: 'Bob Ltd' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code, errors: [{ field: 'password' }] });
    expect([await count('organizations'), await count('users')]).toEqual([orgs, users]);
  });

  it('accepts a long passphrase without composition rules', async () => {
    await t
      .http()
      .post('/v1/auth/signup')
      .send({
        name: 'Eve',
        email: uniqueEmail(),
        password: 'all lower case words here',
        organizationName: 'E',
      })
      .expect(202);
  });

  it('refuses an invalid email and unknown fields with 400', async () => {
    const res = await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'Bob', email: 'not-an-email', password: strongPassword(), organizationName: 'B' })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0].field).toBe('email');
    await t
      .http()
      .post('/v1/auth/login')
      .send({ email: uniqueEmail(), password: 'x', isAdmin: true })
      .expect(400);
  });

  it('answers a missing token with 401 + WWW-Authenticate, and forged or garbage tokens with stable codes', async () => {
    const missing = await t.http().get('/v1/org').expect(401);
    expect(missing.body.code).toBe('authentication_required');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="billing"');

    const user = await signUpAndLogin(t, 'forger');
    const [header, payload] = user.accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const bad = await t
      .http()
      .get('/v1/org')
      .set(...bearer(forged))
      .expect(401);
    expect(bad.body.code).toBe('invalid_token');
    expect(bad.headers['www-authenticate']).toMatch(/error="invalid_token"/);

    const garbage = await t
      .http()
      .get('/v1/org')
      .set(...bearer('garbage'))
      .expect(401);
    expect(garbage.body.code).toBe('invalid_token');

    const badKey = await t
      .http()
      .get('/v1/org')
      .set(...bearer('bk_live_' + 'A'.repeat(43)))
      .expect(401);
    expect(badKey.body.code).toBe('invalid_api_key');

    // Public routes ignore a bad token: a client that always sends its expired token can still refresh.
    await t
      .http()
      .post('/v1/auth/refresh')
      .set(...bearer(forged))
      .send({ refreshToken: user.refreshToken })
      .expect(200);

    const refresh = await t.http().post('/v1/auth/refresh').send({ refreshToken: 'forged' }).expect(401);
    expect(refresh.body.code).toBe('invalid_refresh_token');
    const verify = await t.http().post('/v1/auth/verify-email').send({ token: 'forged' }).expect(400);
    expect(verify.body.code).toBe('invalid_verification_token');
  });

  it('refuses expired, unsigned and foreign-key access tokens', async () => {
    const user = await signUpAndLogin(t, 'jwt');
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString()) as {
      sub: string;
      org: string;
      sid: string;
      role: string;
    };
    const payload = { org: claims.org, sid: claims.sid, role: claims.role };
    const options = { subject: claims.sub, issuer: 'billing', audience: 'billing-api' };
    const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign(
      { ...payload, exp: Math.floor(Date.now() / 1000) - 60 },
      options,
    );
    const res = await t
      .http()
      .get('/v1/org')
      .set(...bearer(expired))
      .expect(401);
    expect(res.body.code).toBe('token_expired');

    const otherKey = new JwtService({ secret: 'another-secret-of-at-least-32-characters!!' }).sign(
      payload,
      options,
    );
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${
      user.accessToken.split('.')[1]
    }.`;
    const wrongAudience = new JwtService({ secret: TEST_JWT_SECRET }).sign(payload, {
      ...options,
      audience: 'billing-2fa',
    });
    for (const token of [otherKey, unsigned, wrongAudience]) {
      const bad = await t
        .http()
        .get('/v1/org')
        .set(...bearer(token))
        .expect(401);
      expect(bad.body.code).toBe('invalid_token');
    }
  });

  it('refuses expired emailed links with the same stable codes', async () => {
    const email = uniqueEmail('late');
    await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'Late', email, password: strongPassword(), organizationName: 'Late Ltd' })
      .expect(202);
    const token = await mailedToken(t, email, /Confirm your email/);
    await t.app
      .get(DataSource)
      .query(`UPDATE auth_one_time_tokens SET expires_at = now() - interval '1 second'`);
    const res = await t.http().post('/v1/auth/verify-email').send({ token }).expect(400);
    expect(res.body.code).toBe('invalid_verification_token');

    const user = await signUpAndLogin(t, 'late-reset');
    await t.http().post('/v1/auth/password/forgot').send({ email: user.email }).expect(202);
    const resetToken = await mailedToken(t, user.email, /Reset your password/);
    await t.app
      .get(DataSource)
      .query(
        `UPDATE auth_one_time_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'reset_password'`,
      );
    const reset = await t
      .http()
      .post('/v1/auth/password/reset')
      .send({ token: resetToken, password: strongPassword() })
      .expect(400);
    expect(reset.body.code).toBe('invalid_reset_token');
  });

  it('answers an unknown email exactly like a wrong password (status, body shape, timing)', async () => {
    const user = await signUpAndLogin(t, 'enum');
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      const res = await t.http().post('/v1/auth/login').send({ email, password: 'wrong password 123' });
      return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const wrong = await timed(user.email);
    const unknown = await timed(uniqueEmail('nobody'));
    for (const { res } of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="billing"');
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.res.body)).toEqual(strip(wrong.res.body));
    // Both run argon2 (a dummy hash for the unknown address), so neither is a fast path.
    expect(unknown.ms).toBeGreaterThan(5);
    expect(Math.abs(unknown.ms - wrong.ms)).toBeLessThan(Math.max(unknown.ms, wrong.ms));

    // Signing up again with a taken address looks like a fresh sign-up, and mails the owner instead.
    const again = await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'X', email: user.email, password: strongPassword(), organizationName: 'X' })
      .expect(202);
    const fresh = await t
      .http()
      .post('/v1/auth/signup')
      .send({ name: 'X', email: uniqueEmail(), password: strongPassword(), organizationName: 'X' })
      .expect(202);
    expect(again.body).toEqual(fresh.body);
    await mailedToken(t, user.email, /already have an account/).catch(() => undefined);
  });
});
