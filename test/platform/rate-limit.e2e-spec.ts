import { ProbeModule } from '../fixtures/probe.module';
import { TestApp, startTestApp } from '../kit/test-app';

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      imports: [ProbeModule],
      env: { RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_WINDOW_SECONDS: '60' },
    });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once an anonymous caller exceeds the limit', async () => {
    for (let i = 0; i < 3; i++) await t.http().post('/v1/_probe/accepted').send({}).expect(202);
    const limited = await t.http().post('/v1/_probe/accepted').send({}).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 6; i++) await t.http().get('/health/live').expect(200);
  });
});
