import { Algorithm, hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import {
  AuthTestApp,
  bearer,
  login,
  mailedToken,
  mailsTo,
  signUpAndLogin,
  startAuthApp,
  strongPassword,
  uniqueEmail,
  waitForMail,
} from '../../../../test/kit/auth-test-kit';

describe('forgot / reset / change password and change email', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp();
  });
  afterAll(() => t.stop());

  it('resets a password with the mailed single-use link and ends every session', async () => {
    const user = await signUpAndLogin(t, 'forgetful');
    const other = await login(t, user.email, user.password);

    const known = await t.http().post('/v1/auth/password/forgot').send({ email: user.email }).expect(202);
    const unknown = await t
      .http()
      .post('/v1/auth/password/forgot')
      .send({ email: uniqueEmail('ghost') })
      .expect(202);
    expect(unknown.body).toEqual(known.body);

    const token = await mailedToken(t, user.email, /Reset your password/);
    const weak = await t
      .http()
      .post('/v1/auth/password/reset')
      .send({ token, password: 'short' })
      .expect(422);
    expect(weak.body.code).toBe('password_too_short');

    const password = strongPassword();
    await t.http().post('/v1/auth/password/reset').send({ token, password }).expect(204);
    const reused = await t.http().post('/v1/auth/password/reset').send({ token, password }).expect(400);
    expect(reused.body.code).toBe('invalid_reset_token');
    const forged = await t
      .http()
      .post('/v1/auth/password/reset')
      .send({ token: 'A'.repeat(43), password })
      .expect(400);
    expect(forged.body.code).toBe('invalid_reset_token');

    for (const session of [user, other]) {
      await t
        .http()
        .get('/v1/auth/me')
        .set(...bearer(session.accessToken))
        .expect(401);
      await t.http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    }
    await t.http().post('/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await login(t, user.email, password);
  });

  it('changes the password with the current one and ends the other sessions only', async () => {
    const user = await signUpAndLogin(t, 'changer');
    const laptop = await login(t, user.email, user.password);
    const newPassword = strongPassword();

    const wrong = await t
      .http()
      .post('/v1/auth/password/change')
      .set(...bearer(user.accessToken))
      .send({ currentPassword: 'not my password', newPassword })
      .expect(403);
    expect(wrong.body.code).toBe('invalid_credentials');
    const common = await t
      .http()
      .post('/v1/auth/password/change')
      .set(...bearer(user.accessToken))
      .send({ currentPassword: user.password, newPassword: 'QwErTy123456' })
      .expect(422);
    expect(common.body.code).toBe('password_too_common');

    await t
      .http()
      .post('/v1/auth/password/change')
      .set(...bearer(user.accessToken))
      .send({ currentPassword: user.password, newPassword })
      .expect(204);
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(user.accessToken))
      .expect(200);
    await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(laptop.accessToken))
      .expect(401);
    await waitForMail(t, user.email, /password was changed/);
    await login(t, user.email, newPassword);
  });

  it('upgrades a hash made with older argon2 parameters at the next login', async () => {
    const user = await signUpAndLogin(t, 'legacy');
    const weak = await hash(user.password, { algorithm: Algorithm.Argon2id, memoryCost: 8192, timeCost: 1 });
    const db = t.app.get(DataSource);
    await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, user.userId]);
    await login(t, user.email, user.password);
    const [row] = await db.query('SELECT password_hash FROM users WHERE id = $1', [user.userId]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await login(t, user.email, user.password);
  });

  it('changes the email only after the new address is verified', async () => {
    const user = await signUpAndLogin(t, 'mover');
    const newEmail = uniqueEmail('moved');
    const wrong = await t
      .http()
      .post('/v1/auth/email/change')
      .set(...bearer(user.accessToken))
      .send({ password: 'not my password', newEmail })
      .expect(403);
    expect(wrong.body.code).toBe('invalid_credentials');
    await t
      .http()
      .post('/v1/auth/email/change')
      .set(...bearer(user.accessToken))
      .send({ password: user.password, newEmail: 'nope' })
      .expect(400);
    await t
      .http()
      .post('/v1/auth/email/change')
      .set(...bearer(user.accessToken))
      .send({ password: user.password, newEmail })
      .expect(202);

    // Still the old address until the link is opened.
    const before = await t
      .http()
      .get('/v1/auth/me')
      .set(...bearer(user.accessToken))
      .expect(200);
    expect(before.body.email).toBe(user.email);

    const token = await mailedToken(t, newEmail, /new email address/);
    await t.http().post('/v1/auth/verify-email').send({ token }).expect(200, { email: newEmail });
    await t.http().post('/v1/auth/verify-email').send({ token }).expect(400);
    await t.http().post('/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await login(t, newEmail, user.password);
  });

  it('does not mail unknown addresses and caps reset mails per address', async () => {
    const ghost = uniqueEmail('ghost');
    await t.http().post('/v1/auth/password/forgot').send({ email: ghost }).expect(202);
    const user = await signUpAndLogin(t, 'spammed');
    for (let i = 0; i < 7; i++) {
      await t.http().post('/v1/auth/password/forgot').send({ email: user.email }).expect(202);
    }
    await waitForMail(t, user.email, /Reset your password/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.drainJobs();
    expect(mailsTo(t, ghost, /./)).toHaveLength(0);
    expect(mailsTo(t, user.email, /Reset your password/)).toHaveLength(5);
  });
});

describe('brute-force protection', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp({ AUTH_LOCKOUT_THRESHOLD: '3', AUTH_LOCKOUT_SECONDS: '2' });
  });
  afterAll(() => t.stop());

  it('locks an account after repeated failures, briefly, and the same for unknown accounts', async () => {
    const user = await signUpAndLogin(t, 'target');
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post('/v1/auth/login')
        .send({ email: user.email, password: 'wrong password!' })
        .expect(401);
    }
    const locked = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(429);
    expect(locked.body.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++) {
      await t.http().post('/v1/auth/login').send({ email: ghost, password: 'wrong password!' }).expect(401);
    }
    const ghostLocked = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: ghost, password: 'x' })
      .expect(429);
    expect(ghostLocked.body.code).toBe('account_locked');

    // The lock is short: after it expires the right password works again.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await t.http().post('/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });
});
