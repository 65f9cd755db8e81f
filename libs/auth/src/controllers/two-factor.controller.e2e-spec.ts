import { DataSource } from 'typeorm';
import { SecretBox } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  nextTotp,
  signUpAndLogin,
  startAuthApp,
  totp,
} from '../../../../test/kit/auth-test-kit';

describe('two-factor authentication (TOTP)', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  /** Enrols and confirms 2FA for a signed-in user; returns the secret and the recovery codes. */
  async function enable(user: SignedUpUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const enrolled = await t
      .http()
      .post('/v1/auth/2fa/enroll')
      .set(...bearer(user.accessToken))
      .expect(200);
    expect(enrolled.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Billing:.+secret=/);
    const { secret } = enrolled.body;
    const wrong = await t
      .http()
      .post('/v1/auth/2fa/confirm')
      .set(...bearer(user.accessToken))
      .send({ code: (Number(await totp(secret)) + 1).toString().padStart(6, '0').slice(-6) })
      .expect(400);
    expect(wrong.body.code).toBe('invalid_two_factor_code');
    const confirmed = await t
      .http()
      .post('/v1/auth/2fa/confirm')
      .set(...bearer(user.accessToken))
      .send({ code: await totp(secret) })
      .expect(200);
    return { secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  it('enrols, then logs in with a second step; a code and a recovery code work once each', async () => {
    const user = await signUpAndLogin(t, 'mfa');
    const { secret, recoveryCodes } = await enable(user);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const step1 = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(step1.body).toEqual({
      twoFactorRequired: true,
      challengeToken: expect.any(String),
      expiresIn: 300,
    });
    expect(step1.body.accessToken).toBeUndefined();

    // The challenge token is not an access token.
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(step1.body.challengeToken))
      .expect(401);

    // The code used at confirmation cannot be replayed.
    const replayConfirm = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: step1.body.challengeToken, code: await totp(secret) })
      .expect(401);
    expect(replayConfirm.body.code).toBe('invalid_two_factor_code');

    const challenge = async () =>
      (await t.http().post('/v1/auth/login').send({ email: user.email, password: user.password }).expect(200))
        .body.challengeToken as string;

    const code = await nextTotp(secret);
    const step2 = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: step1.body.challengeToken, code })
      .expect(200);
    expect(step2.body.accessToken).toEqual(expect.any(String));
    // The same code again, even with a fresh challenge: refused.
    const replay = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: await challenge(), code })
      .expect(401);
    expect(replay.body.code).toBe('invalid_two_factor_code');

    // A spent challenge cannot mint a second session, and does not burn the recovery code presented.
    const spent = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: step1.body.challengeToken, recoveryCode: recoveryCodes[0] })
      .expect(401);
    expect(spent.body.code).toBe('invalid_challenge_token');
    await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: await challenge(), recoveryCode: recoveryCodes[0] })
      .expect(200);

    const withRecovery = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: await challenge(), recoveryCode: recoveryCodes[3].toUpperCase() })
      .expect(200);
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(withRecovery.body.accessToken))
      .expect(200);
    const reusedRecovery = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: await challenge(), recoveryCode: recoveryCodes[3] })
      .expect(401);
    expect(reusedRecovery.body.code).toBe('invalid_two_factor_code');

    const forged = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: 'a.b.c', code: '123456' })
      .expect(401);
    expect(forged.body.code).toBe('invalid_challenge_token');

    const again = await t
      .http()
      .post('/v1/auth/2fa/enroll')
      .set(...bearer(step2.body.accessToken))
      .expect(409);
    expect(again.body.code).toBe('two_factor_already_enabled');
  });

  it('stores the TOTP secret encrypted and bound to its user, never in base32', async () => {
    const user = await signUpAndLogin(t, 'mfa-at-rest');
    const { secret } = await enable(user);
    const db = t.app.get(DataSource);
    const stored = async (userId: string): Promise<string | null> =>
      (
        await db.query<{ totp_secret_encrypted: string | null }[]>(
          'SELECT totp_secret_encrypted FROM users WHERE id = $1',
          [userId],
        )
      )[0].totp_secret_encrypted;
    const column = await stored(user.userId);
    expect(column).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(column).not.toContain(secret);
    expect(column!.toUpperCase()).not.toContain(secret.toUpperCase());
    const row = JSON.stringify(await db.query('SELECT * FROM users WHERE id = $1', [user.userId]));
    expect(row).not.toContain(secret);
    expect(t.app.get(SecretBox).open(column!, `users.totp_secret:${user.userId}`)).toBe(secret);

    // The database refuses a plain-text secret.
    await expect(
      db.query('UPDATE users SET totp_secret_encrypted = $1 WHERE id = $2', [secret, user.userId]),
    ).rejects.toThrow(/users_totp_secret_encrypted_check/);

    // Login still works with the decrypted secret.
    const step1 = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: step1.body.challengeToken, code: await nextTotp(secret) })
      .expect(200);
  });

  it('disables 2FA only with the password and a current code', async () => {
    const user = await signUpAndLogin(t, 'disabler');
    const { secret } = await enable(user);
    const code = await nextTotp(secret);
    const wrong = await t
      .http()
      .post('/v1/auth/2fa/disable')
      .set(...bearer(user.accessToken))
      .send({ password: 'not the password', code })
      .expect(403);
    expect(wrong.body.code).toBe('invalid_credentials');
    await t
      .http()
      .post('/v1/auth/2fa/disable')
      .set(...bearer(user.accessToken))
      .send({ password: user.password, code })
      .expect(204);
    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(login.body.twoFactorRequired).toBe(false);
  });

  it('with require2fa, members without 2FA get tokens that can only enrol', async () => {
    const owner = await signUpAndLogin(t, 'strict-owner');
    const member = await addMember(t, owner, 'admin');
    const { secret } = await enable(owner);
    await t
      .http()
      .patch('/v1/org')
      .set(...bearer(owner.accessToken))
      .send({ require2fa: true })
      .expect(200);

    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: member.email, password: member.password })
      .expect(200);
    expect(login.body.twoFactorEnrollmentRequired).toBe(true);
    const token = login.body.accessToken;
    for (const request of [
      t.http().get('/v1/org'),
      t.http().get('/v1/org/members'),
      t.http().get('/v1/auth/sessions'),
    ]) {
      const res = await request.set(...bearer(token)).expect(403);
      expect(res.body.code).toBe('two_factor_enrollment_required');
    }
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(token))
      .expect(200);
    const enrolled = await t
      .http()
      .post('/v1/auth/2fa/enroll')
      .set(...bearer(token))
      .expect(200);
    await t
      .http()
      .post('/v1/auth/2fa/confirm')
      .set(...bearer(token))
      .send({ code: await totp(enrolled.body.secret) })
      .expect(200);
    await t
      .http()
      .get('/v1/org')
      .set(...bearer(token))
      .expect(200);

    // The owner (with 2FA) is not restricted.
    expect(secret).toBeTruthy();
    await t
      .http()
      .get('/v1/org/members')
      .set(...bearer(owner.accessToken))
      .expect(200);
  });
});

describe('2FA brute force', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp({ AUTH_LOCKOUT_THRESHOLD: '3', AUTH_LOCKOUT_SECONDS: '60' });
  });
  afterAll(() => t.stop());

  it('locks the second step after repeated wrong codes', async () => {
    const user = await signUpAndLogin(t, 'mfa-brute');
    const { secret } = await (async () => {
      const enrolled = await t
        .http()
        .post('/v1/auth/2fa/enroll')
        .set(...bearer(user.accessToken))
        .expect(200);
      await t
        .http()
        .post('/v1/auth/2fa/confirm')
        .set(...bearer(user.accessToken))
        .send({ code: await totp(enrolled.body.secret) })
        .expect(200);
      return enrolled.body as { secret: string };
    })();
    const step1 = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post('/v1/auth/login/2fa')
        .send({ challengeToken: step1.body.challengeToken, code: '000000' })
        .expect(401);
    }
    const locked = await t
      .http()
      .post('/v1/auth/login/2fa')
      .send({ challengeToken: step1.body.challengeToken, code: await nextTotp(secret) })
      .expect(429);
    expect(locked.body.code).toBe('account_locked');
  });
});
