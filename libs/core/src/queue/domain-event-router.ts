import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { TransactionContext } from '../database/transaction-context';
import { DOMAIN_EVENTS, DomainEventEnvelope, DomainEventName, EVENT_CONSUMERS } from './domain-events';
import { JobHandler } from './job-handler.decorator';
import { JobQueue } from './job-queue';

/**
 * The one processor of every domain event: fans the event out to its consumers (EVENT_CONSUMERS), one job
 * each, written to the outbox in one transaction. A consumer's job id is `<event id>.<consumer>`, so a
 * redelivered event (the router retried after a crash) creates no second job while BullMQ remembers it.
 */
@Injectable()
export class DomainEventRouter {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  @JobHandler(DOMAIN_EVENTS)
  async route(data: DomainEventEnvelope['data'], job: Job): Promise<{ consumers: number }> {
    const type = job.name as DomainEventName;
    const id = String(job.id);
    const envelope = { id, type, occurredAt: occurredAt(id, job.timestamp), data } as DomainEventEnvelope;
    const consumers = EVENT_CONSUMERS[type];
    await this.tx.run(async () => {
      for (const consumer of consumers) {
        await this.jobs.enqueue(consumer, envelope, { jobId: `${id}.${consumer}` });
      }
    });
    return { consumers: consumers.length };
  }
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7/i;

/** An outbox id is a UUIDv7, whose first 48 bits are the milliseconds at which the row was written. */
function occurredAt(id: string, fallbackMs: number): string {
  const ms = UUID_V7.test(id) ? parseInt(id.replace(/-/g, '').slice(0, 12), 16) : fallbackMs;
  return new Date(ms).toISOString();
}
