import { AuthTestApp, startAuthApp, uniqueEmail } from '../../../../test/kit/auth-test-kit';

describe('per-IP throttling', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthApp({ AUTH_IP_FAILURE_LIMIT: '4', AUTH_LOCKOUT_THRESHOLD: '100' });
  });
  afterAll(() => t.stop());

  it('refuses an address that keeps failing across many accounts, for login and password reset', async () => {
    for (let i = 0; i < 4; i++) {
      await t
        .http()
        .post('/v1/auth/login')
        .send({ email: uniqueEmail(), password: 'wrong password!' })
        .expect(401);
    }
    const res = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: uniqueEmail(), password: 'x' })
      .expect(429);
    expect(res.body.code).toBe('too_many_attempts');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const reset = await t
      .http()
      .post('/v1/auth/password/reset')
      .send({ token: 'guess', password: 'a long enough password' })
      .expect(429);
    expect(reset.body.code).toBe('too_many_attempts');
  });
});
