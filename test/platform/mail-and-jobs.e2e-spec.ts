import { DataSource } from 'typeorm';
import {
  Email,
  EmailStatus,
  JobName,
  JobQueue,
  QueueName,
  QueueRegistry,
  TransactionContext,
} from '@app/core';
import { TestApp, startTestApp } from '../kit/test-app';
import { TEST_OPERATOR_TOKEN } from '../kit/test-env';
import { waitFor } from '../kit/wait-for';
import { SmtpCapture } from '../smtp/smtp-capture';

const operator = `Bearer ${TEST_OPERATOR_TOKEN}`;

describe('mail delivery through the outbox and the worker', () => {
  let t: TestApp;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = new SmtpCapture();
    const smtpUrl = await smtp.start();
    t = await startTestApp({ worker: true, env: { SMTP_URL: smtpUrl } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('queues a test email, sends it over SMTP with HTML and text parts, and tracks it', async () => {
    const created = await t
      .http()
      .post('/v1/admin/emails/test')
      .set('authorization', operator)
      .send({ to: ['ops@example.com'] })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'queued',
      template: 'test-message',
      to: ['ops@example.com'],
    });

    await t.drainJobs();
    const mail = await smtp.waitFor((m) => m.messageId === `<${created.body.id}@billing.invalid>`);
    expect(mail.subject).toBe('Test message from your billing platform');
    expect(mail.text).toContain('Email delivery works');
    expect(mail.html).toContain('<h1');

    const list = await t
      .http()
      .get('/v1/admin/emails?status=sent')
      .set('authorization', operator)
      .expect(200);
    const tracked = list.body.data.find((e: { id: string }) => e.id === created.body.id);
    expect(tracked).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(tracked.providerMessageId).toBeTruthy();
  });

  it('retries a temporary SMTP failure and records the attempt', async () => {
    smtp.failNext(1);
    const created = await t
      .http()
      .post('/v1/admin/emails/test')
      .set('authorization', operator)
      .send({ to: ['retry@example.com'] })
      .expect(201);
    await t.drainJobs();
    const email = await waitFor(
      async () => {
        const row = await t.app.get(DataSource).getRepository(Email).findOneByOrFail({ id: created.body.id });
        return row.status === EmailStatus.Sent ? row : undefined;
      },
      15_000,
      'the retried email to be sent',
    );
    expect(email.attempts).toBe(2);
    expect(smtp.messages.filter((m) => m.messageId === `<${created.body.id}@billing.invalid>`)).toHaveLength(
      1,
    );
  });

  it('keeps jobs that failed for good, lists them with their error, and retries them on request', async () => {
    const emailId = '0190f3c4-0000-7000-8000-000000000001'; // no such email row: the handler skips it
    const jobs = t.app.get(JobQueue);
    await t.app
      .get(TransactionContext)
      .run(() => jobs.enqueue(JobName.SendEmail, { emailId }, { attempts: 1 }));
    await t.app
      .get(QueueRegistry)
      .get(QueueName.Default)
      .add('no.such.job', { reason: 'unknown name' }, { attempts: 1 });
    await t.drainJobs();

    const failed = await waitFor(
      async () => {
        const res = await t
          .http()
          .get('/v1/admin/jobs/failed?queue=default')
          .set('authorization', operator)
          .expect(200);
        return res.body.data.length > 0 ? res.body : undefined;
      },
      10_000,
      'a failed job',
    );
    expect(failed.data[0]).toMatchObject({
      queue: 'default',
      name: 'no.such.job',
      failedReason: 'No processor for job name no.such.job',
    });
    expect(failed.hasMore).toBe(false);

    const retried = await t
      .http()
      .post(`/v1/admin/jobs/default/${failed.data[0].id}/retry`)
      .set('authorization', operator)
      .expect(202);
    expect(['waiting', 'active', 'failed']).toContain(retried.body.state);

    await t.http().post('/v1/admin/jobs/default/no-such-id/retry').set('authorization', operator).expect(404);
    await t.http().post('/v1/admin/jobs/nope/1/retry').set('authorization', operator).expect(404);
  });

  it('protects the operator routes and the queue dashboard', async () => {
    const denied = await t.http().get('/v1/admin/jobs/failed').expect(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Bearer/);
    await t.http().get('/v1/admin/emails').set('authorization', 'Bearer wrong-token').expect(401);
    await t.http().get('/admin/queues').expect(401);
    const dashboard = await t.http().get('/admin/queues').auth('ops', TEST_OPERATOR_TOKEN);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('<html');
  });

  it('exposes HTTP, queue, outbox and job metrics', async () => {
    await t.http().get('/health/live');
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    expect(res.text).toMatch(/queue_jobs\{queue="mail",state="waiting"\} \d+/);
    expect(res.text).toMatch(/outbox_pending_messages \d+/);
    expect(res.text).toMatch(
      /job_duration_seconds_count\{queue="mail",job="mail.send",outcome="completed"\} \d+/,
    );
    expect(res.text).toMatch(/job_failures_total\{queue="default",job="no.such.job",final="true"\} \d+/);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await t.http().get('/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    const responses = spec.body.paths['/v1/admin/jobs/{queue}/{id}/retry'].post.responses;
    expect(Object.keys(responses)).toEqual(
      expect.arrayContaining(['400', '404', '409', '422', '429', '500']),
    );
    expect(responses['404'].content).toHaveProperty(['application/problem+json']);
    const ui = await t.http().get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('documents both security schemes and the problem+json errors of every operation', async () => {
    const spec = (await t.http().get('/docs-json').expect(200)).body;
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['bearer', 'operator']);
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(
        item as Record<string, { responses: Record<string, unknown>; security?: unknown[] }>,
      ).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(30);
    for (const { operation } of operations) {
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['429', '500']));
      if (operation.security?.length) {
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    expect(operations.filter(({ operation }) => operation.security?.length).length).toBeGreaterThan(10);
  });
});
