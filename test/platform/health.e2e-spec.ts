import { TestApp, startTestApp } from '../kit/test-app';
import { TcpProxy } from '../kit/tcp-proxy';
import { waitFor } from '../kit/wait-for';

describe('health', () => {
  let t: TestApp;
  let redisProxy: TcpProxy;

  beforeAll(async () => {
    redisProxy = new TcpProxy('127.0.0.1', 6379);
    const port = await redisProxy.start();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(() => t.close());

  it('is ready while Postgres and Redis answer, and not ready once Redis is down', async () => {
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });

    await redisProxy.cut();

    const notReady = await waitFor(
      async () => {
        const res = await t.http().get('/health/ready');
        return res.status === 503 ? res : undefined;
      },
      10_000,
      'readiness to fail',
    );
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notReady.body.code).toBe('not_ready');
    expect(notReady.body.detail).toMatch(/^Not ready: redis is down/);
    expect(notReady.body.detail).not.toContain('database');
    await t.http().get('/health/live').expect(200);
  });
});
