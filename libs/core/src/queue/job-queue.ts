import { Injectable } from '@nestjs/common';
import { newId } from '../database/base.entity';
import { TransactionContext } from '../database/transaction-context';
import { DomainEventEnvelope, DomainEventName, EVENT_CONSUMERS, isDomainEvent } from './domain-events';
import { EnqueueOptions, JobName, JobPayloads } from './jobs';
import { OutboxMessage } from './outbox.entity';

/**
 * The one way to enqueue a job or publish a domain event. Everything is written to the outbox in the
 * caller's transaction (see TransactionContext.run), so it exists if and only if the business change commits.
 */
@Injectable()
export class JobQueue {
  constructor(private readonly tx: TransactionContext) {}

  /** Returns the outbox id: for a domain event, the event's id (the same in every consumer's envelope). */
  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    if (isDomainEvent(name)) return this.publish(name, payload as JobPayloads[DomainEventName]);
    const id = newId();
    await this.tx.manager.insert(OutboxMessage, { id, jobName: name, payload: payload as object, options });
    return id;
  }

  /**
   * A domain event is written once as a record (already marked sent: nothing processes it) and once per
   * consumer as that consumer's job, in one multi-row insert. A consumer's job id is `<event id>.<consumer>`.
   */
  private async publish(type: DomainEventName, data: JobPayloads[DomainEventName]): Promise<string> {
    const id = newId();
    const now = new Date();
    const envelope = { id, type, occurredAt: now.toISOString(), data } as DomainEventEnvelope;
    await this.tx.manager.insert(OutboxMessage, [
      { id, jobName: type, payload: data, options: {}, sentAt: now },
      ...EVENT_CONSUMERS[type].map((consumer) => ({
        id: newId(),
        jobName: consumer,
        payload: envelope,
        options: { jobId: `${id}.${consumer}` },
      })),
    ]);
    return id;
  }
}
