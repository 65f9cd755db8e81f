import { TestApp, startTestApp } from '../kit/test-app';
import { ProbeModule, probeCalls } from '../fixtures/probe.module';

const body = { email: 'buyer@example.com', quantity: 3 };

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('replays the first response without running the handler again', async () => {
    const first = await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'replay-1')
      .send(body)
      .expect(201);
    const callsAfterFirst = probeCalls.echo;
    const second = await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'replay-1')
      .send(body)
      .expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(probeCalls.echo).toBe(callsAfterFirst);
  });

  it('treats the same JSON with keys in another order as the same request', async () => {
    await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'order-1')
      .send({ email: 'x@example.com', quantity: 1 })
      .expect(201);
    const again = await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'order-1')
      .send({ quantity: 1, email: 'x@example.com' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('replays the route status code (202 stays 202)', async () => {
    await t.http().post('/v1/_probe/accepted').set('Idempotency-Key', 'accepted-1').send({}).expect(202);
    const replay = await t
      .http()
      .post('/v1/_probe/accepted')
      .set('Idempotency-Key', 'accepted-1')
      .send({})
      .expect(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('rejects the same key with a different body with 422', async () => {
    await t.http().post('/v1/_probe/echo').set('Idempotency-Key', 'mismatch-1').send(body).expect(201);
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'mismatch-1')
      .send({ ...body, quantity: 4 })
      .expect(422);
    expect(res.body.code).toBe('idempotency_key_reused');
  });

  it('answers 409 to a concurrent duplicate while the first is in flight, and runs the handler once', async () => {
    const before = probeCalls.echo;
    const slow = { ...body, delayMs: 600 };
    // supertest sends on then(): start the first request now, not when it is awaited
    const first = t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'concurrent-1')
      .send(slow)
      .then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const duplicate = await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'concurrent-1')
      .send(slow);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('idempotency_key_in_flight');
    expect(duplicate.headers['retry-after']).toBe('1');
    expect((await first).status).toBe(201);
    expect(probeCalls.echo).toBe(before + 1);
  });

  it('lets many simultaneous duplicates through exactly once', async () => {
    const before = probeCalls.echo;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t
          .http()
          .post('/v1/_probe/echo')
          .set('Idempotency-Key', 'burst-1')
          .send({ ...body, delayMs: 200 }),
      ),
    );
    // A duplicate arriving after the first finished (a loaded machine) gets the stored answer replayed.
    const outcomes = results.map((r) =>
      r.status === 201 ? (r.headers['idempotent-replayed'] === 'true' ? 'replayed' : 'executed') : r.status,
    );
    expect(outcomes.filter((o) => o === 'executed')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'executed' || o === 'replayed' || o === 409)).toBe(true);
    expect(probeCalls.echo).toBe(before + 1);
  });

  it('releases the key when the request fails, so a corrected retry can use it', async () => {
    await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'fail-1')
      .send({ email: 'bad' })
      .expect(400);
    await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'fail-1')
      .send({ email: 'bad' })
      .expect(400);
  });

  it('rejects a malformed key', async () => {
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .set('Idempotency-Key', 'x'.repeat(300))
      .send(body)
      .expect(400);
    expect(res.body.code).toBe('invalid_idempotency_key');
  });

  it('runs the handler every time without a key', async () => {
    const before = probeCalls.echo;
    await t.http().post('/v1/_probe/echo').send(body).expect(201);
    await t.http().post('/v1/_probe/echo').send(body).expect(201);
    expect(probeCalls.echo).toBe(before + 2);
  });
});
