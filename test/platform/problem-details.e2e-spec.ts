import { TestApp, startTestApp } from '../kit/test-app';
import { ProbeModule } from '../fixtures/probe.module';

const PROBLEM = /^application\/problem\+json/;

describe('errors are RFC 9457 problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  it('400: malformed JSON', async () => {
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .set('content-type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_json', title: 'Bad Request' });
    expect(res.body.type).toBe('urn:billing:problem:malformed_json');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('400: unknown fields are named', async () => {
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .send({ email: 'a@example.com', quantity: 1, colour: 'red', size: 2 })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.detail).toBe('Unknown field(s): colour, size.');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'colour' }),
        expect.objectContaining({ field: 'size' }),
      ]),
    );
  });

  it('400: wrong types give field errors, nested paths included', async () => {
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .send({ email: 'not-an-email', quantity: 'ten', address: { country: 7 } })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'quantity', 'address.country']));
    expect(res.body.detail).toMatch(/^Invalid field\(s\): /);
  });

  it('400: a malformed id reaching Postgres is a 400, not a 500', async () => {
    const res = await t.http().get('/v1/_probe/items/not-a-uuid').expect(400);
    expect(res.body.code).toBe('invalid_value');
  });

  it('400: a NUL byte in text reaching Postgres is a 400, not a 500', async () => {
    const res = await t.http().post('/v1/_probe/sql/nul-byte').expect(400);
    expect(res.body.code).toBe('invalid_value');
  });

  it('404: unknown route', async () => {
    const res = await t.http().get('/v1/no/such/route').expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'route_not_found', instance: '/v1/no/such/route' });
  });

  it('409: unique violation, without echoing the values', async () => {
    const res = await t.http().post('/v1/_probe/sql/unique').expect(409);
    expect(res.body.code).toBe('unique_violation');
    expect(res.body.detail).toContain('id');
  });

  it('409: deleting a row that is still referenced', async () => {
    const res = await t.http().post('/v1/_probe/sql/still-referenced').expect(409);
    expect(res.body.code).toBe('row_still_referenced');
  });

  it('422: a reference to a row that does not exist', async () => {
    const res = await t.http().post('/v1/_probe/sql/missing-reference').expect(422);
    expect(res.body.code).toBe('referenced_row_missing');
  });

  it('422: a check constraint names the rule', async () => {
    const res = await t.http().post('/v1/_probe/sql/check').expect(422);
    expect(res.body).toMatchObject({ code: 'constraint_violation' });
    expect(res.body.detail).toContain('amount_positive');
  });

  it('413: body over the limit', async () => {
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .send({ email: 'a@example.com', quantity: 1, padding: 'x'.repeat(4096) })
      .expect(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('415: a body that is not JSON', async () => {
    const res = await t
      .http()
      .post('/v1/_probe/echo')
      .set('content-type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('500: leaks nothing and carries the request id', async () => {
    const res = await t.http().get('/v1/_probe/crash').set('x-request-id', 'trace-500-abc').expect(500);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers['x-request-id']).toBe('trace-500-abc');
    expect(res.body).toMatchObject({ status: 500, code: 'internal_error', requestId: 'trace-500-abc' });
    expect(JSON.stringify(res.body)).not.toMatch(/postgres|secret|stack|Error:/);
  });

  it('honours a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    const kept = await t.http().get('/health/live').set('x-request-id', 'lb-1234');
    expect(kept.headers['x-request-id']).toBe('lb-1234');
    const replaced = await t.http().get('/health/live').set('x-request-id', 'bad id with spaces <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
