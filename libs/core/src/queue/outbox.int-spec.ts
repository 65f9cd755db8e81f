import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startCoreContext } from '../../../../test/kit/core-context';
import { TransactionContext } from '../database/transaction-context';
import { JobQueue } from './job-queue';
import { JobName, QueueName } from './jobs';
import { OutboxMessage } from './outbox.entity';
import { OutboxRelay } from './outbox-relay';
import { QueueRegistry } from './queue-registry';

async function jobsInMailQueue(context: INestApplicationContext) {
  return context.get(QueueRegistry).get(QueueName.Mail).getJobs(['waiting', 'delayed', 'prioritized']);
}

describe('transactional outbox', () => {
  let context: INestApplicationContext;

  beforeEach(async () => {
    context = await startCoreContext();
    await context.get(QueueRegistry).get(QueueName.Mail).obliterate({ force: true });
    await context.get(DataSource).query('DELETE FROM outbox');
  });
  afterEach(() => context.close());

  it('delivers a committed job exactly once after the process that wrote it died before relaying', async () => {
    const writer = await startCoreContext();
    const outboxId = await writer
      .get(TransactionContext)
      .run(() => writer.get(JobQueue).enqueue(JobName.SendEmail, { emailId: 'e-1' }));
    await writer.close(); // the writer is gone; nothing was relayed

    expect(await jobsInMailQueue(context)).toHaveLength(0);
    expect(await context.get(OutboxRelay).drain()).toBe(1);
    expect(await context.get(OutboxRelay).drain()).toBe(0);

    const jobs = await jobsInMailQueue(context);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].id).toBe(outboxId);
    expect(jobs[0].name).toBe(JobName.SendEmail);
    expect(jobs[0].data).toEqual({ emailId: 'e-1' });
    expect(jobs[0].opts.attempts).toBe(13); // the queue default, not overridden by unset options
  });

  it('does not duplicate a job when the relay died after publishing but before marking the row sent', async () => {
    const outboxId = await context.get(JobQueue).enqueue(JobName.SendEmail, { emailId: 'e-2' });
    // What a relay that crashed mid-batch leaves behind: the job is in Redis, the row still pending.
    await context
      .get(QueueRegistry)
      .get(QueueName.Mail)
      .add(JobName.SendEmail, { emailId: 'e-2' }, { jobId: outboxId });

    expect(await context.get(OutboxRelay).drain()).toBe(1);
    expect(await jobsInMailQueue(context)).toHaveLength(1);
    const row = await context.get(DataSource).getRepository(OutboxMessage).findOneByOrFail({ id: outboxId });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('enqueues nothing when the transaction rolls back', async () => {
    await expect(
      context.get(TransactionContext).run(async () => {
        await context.get(JobQueue).enqueue(JobName.SendEmail, { emailId: 'e-3' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');

    expect(await context.get(DataSource).getRepository(OutboxMessage).count()).toBe(0);
    expect(await context.get(OutboxRelay).drain()).toBe(0);
    expect(await jobsInMailQueue(context)).toHaveLength(0);
  });

  it('writes rows and their jobs in one statement, and no job for a row that was already there', async () => {
    const db = context.get(DataSource);
    await db.query('CREATE TABLE IF NOT EXISTS outbox_spec_inbox (key text PRIMARY KEY)');
    const insert = (keys: string[], onConflict = 'ON CONFLICT DO NOTHING') => ({
      sql: `INSERT INTO outbox_spec_inbox (key) SELECT unnest($1::text[]) ${onConflict} RETURNING key`,
      params: [keys],
    });
    const jobs = context.get(JobQueue);
    const [a, b, c] = ['a', 'b', 'c'].map((k) => `${k}-${Date.now()}`);
    const emails = (...keys: string[]) => new Map(keys.map((key) => [key, { emailId: key }]));

    expect(await jobs.insertThenEnqueue(insert([a]), JobName.SendEmail, emails(a))).toEqual(new Set([a]));
    expect(await jobs.insertThenEnqueue(insert([a, b, c]), JobName.SendEmail, emails(a, b, c))).toEqual(
      new Set([b, c]),
    );
    await expect(jobs.insertThenEnqueue(insert([c], ''), JobName.SendEmail, emails(c))).rejects.toThrow(
      /duplicate key/,
    );

    expect(await context.get(OutboxRelay).drain()).toBe(3);
    const sent = (await jobsInMailQueue(context)).map((j) => (j.data as { emailId: string }).emailId);
    expect(sent.sort()).toEqual([a, b, c].sort());
  });

  it('lets several relays run at once without publishing any row twice', async () => {
    const jobs = context.get(JobQueue);
    await context.get(TransactionContext).run(async () => {
      for (let i = 0; i < 450; i++) await jobs.enqueue(JobName.SendEmail, { emailId: `bulk-${i}` });
    });
    const other = await startCoreContext();
    try {
      const moved = await Promise.all([
        context.get(OutboxRelay).drain(),
        other.get(OutboxRelay).drain(),
        context.get(OutboxRelay).drain(),
      ]);
      expect(moved.reduce((a, b) => a + b, 0)).toBe(450);
    } finally {
      await other.close();
    }
    const published = await jobsInMailQueue(context);
    expect(published).toHaveLength(450);
    expect(new Set(published.map((job) => (job.data as { emailId: string }).emailId)).size).toBe(450);
  });

  it('passes delay and job-id options through to BullMQ', async () => {
    await context
      .get(JobQueue)
      .enqueue(JobName.SendEmail, { emailId: 'e-4' }, { delayMs: 60_000, jobId: 'email-e-4' });
    await context.get(OutboxRelay).drain();
    const job = await context.get(QueueRegistry).get(QueueName.Mail).getJob('email-e-4');
    expect(job?.opts.delay).toBe(60_000);
    expect(await job?.getState()).toBe('delayed');
  });
});
