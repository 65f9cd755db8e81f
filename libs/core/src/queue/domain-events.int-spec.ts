import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startCoreContext } from '../../../../test/kit/core-context';
import { TransactionContext } from '../database/transaction-context';
import { EVENT_CONSUMERS } from './domain-events';
import { JobQueue } from './job-queue';
import { JobName, JobPayloads, QueueName } from './jobs';
import { OutboxRelay } from './outbox-relay';
import { QueueRegistry } from './queue-registry';

const finalized: JobPayloads[JobName.InvoiceFinalized] = {
  orgId: '0193a000-0000-7000-8000-000000000001',
  invoiceId: '0193a000-0000-7000-8000-000000000002',
  customerId: '0193a000-0000-7000-8000-000000000003',
  number: 'INV-2026-000001',
  currency: 'EUR',
  total: 1200,
  amountDue: 1200,
};

describe('domain events', () => {
  let context: INestApplicationContext;

  beforeEach(async () => {
    context = await startCoreContext();
    for (const queue of Object.values(QueueName))
      await context.get(QueueRegistry).get(queue).obliterate({ force: true });
    await context.get(DataSource).query('DELETE FROM outbox');
  });
  afterEach(() => context.close());

  it('records the event and gives each consumer its own job with the same envelope, in one transaction', async () => {
    const before = Date.now();
    const eventId = await context
      .get(TransactionContext)
      .run(() => context.get(JobQueue).enqueue(JobName.InvoiceFinalized, finalized));

    const rows: { id: string; job_name: string; payload: Record<string, unknown>; sent: boolean }[] =
      await context
        .get(DataSource)
        .query('SELECT id, job_name, payload, sent_at IS NOT NULL AS sent FROM outbox ORDER BY id');
    const record = rows.find((r) => r.id === eventId)!;
    expect(record).toMatchObject({ job_name: JobName.InvoiceFinalized, payload: finalized, sent: true });
    const consumers = rows.filter((r) => r.id !== eventId);
    expect(consumers.map((r) => r.job_name).sort()).toEqual(
      [...EVENT_CONSUMERS[JobName.InvoiceFinalized]].sort(),
    );
    for (const row of consumers) {
      expect(row.sent).toBe(false);
      expect(row.payload).toEqual({
        id: eventId,
        type: JobName.InvoiceFinalized,
        occurredAt: expect.any(String),
        data: finalized,
      });
      expect(Date.parse(row.payload.occurredAt as string)).toBeGreaterThanOrEqual(before - 1000);
    }

    // Relayed: the record is not (nothing processes an event), each consumer job is, under its derived id.
    expect(await context.get(OutboxRelay).drain()).toBe(consumers.length);
    const documents = await context
      .get(QueueRegistry)
      .get(QueueName.Documents)
      .getJob(`${eventId}.${JobName.DocumentsOnEvent}`);
    expect(documents?.data).toMatchObject({ id: eventId, type: JobName.InvoiceFinalized });
  });

  it('publishes nothing when the transaction rolls back', async () => {
    await expect(
      context.get(TransactionContext).run(async () => {
        await context.get(JobQueue).enqueue(JobName.InvoiceFinalized, finalized);
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    const [{ n }] = await context.get(DataSource).query('SELECT count(*)::int AS n FROM outbox');
    expect(n).toBe(0);
  });
});
