import { Injectable } from '@nestjs/common';
import { newId } from '../database/base.entity';
import { TransactionContext } from '../database/transaction-context';
import { DomainEventEnvelope, DomainEventName, EVENT_CONSUMERS, isDomainEvent } from './domain-events';
import { EnqueueOptions, JobName, JobPayloads } from './jobs';
import { OutboxMessage } from './outbox.entity';

type OutboxRow = Pick<OutboxMessage, 'id' | 'jobName' | 'payload' | 'options'> & { sentAt?: Date };

// Raw SQL rather than the ORM's insert: this runs in every business transaction, and on the hot paths (a
// billing batch, an inbound Stripe event) building the statement from entity metadata costs more CPU than
// the round trip itself.
const INSERT_OUTBOX_SQL = `
  INSERT INTO outbox (id, job_name, payload, options, sent_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::timestamptz[])`;

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
    const [id] = await this.enqueueMany(name, [payload], options);
    return id;
  }

  /**
   * Many jobs or events of one name (a billing batch's invoices) in one multi-row insert, each written
   * exactly as `enqueue` writes it. Returns the outbox ids in the order of `payloads`.
   */
  async enqueueMany<N extends JobName>(
    name: N,
    payloads: JobPayloads[N][],
    options: EnqueueOptions = {},
  ): Promise<string[]> {
    if (payloads.length === 0) return [];
    const groups = payloads.map((payload) =>
      isDomainEvent(name)
        ? this.eventRows(name, payload as JobPayloads[DomainEventName])
        : [{ id: newId(), jobName: name, payload: payload, options }],
    );
    const rows = groups.flat();
    await this.tx.manager.query(INSERT_OUTBOX_SQL, [
      rows.map((r) => r.id),
      rows.map((r) => r.jobName),
      rows.map((r) => JSON.stringify(r.payload)),
      rows.map((r) => JSON.stringify(r.options)),
      rows.map((r) => r.sentAt ?? null),
    ]);
    return groups.map((group) => group[0].id);
  }

  /**
   * A domain event is written once as a record (already marked sent: nothing processes it) and once per
   * consumer as that consumer's job. A consumer's job id is `<event id>.<consumer>`.
   */
  private eventRows(type: DomainEventName, data: JobPayloads[DomainEventName]): OutboxRow[] {
    const id = newId();
    const now = new Date();
    const envelope = { id, type, occurredAt: now.toISOString(), data } as DomainEventEnvelope;
    return [
      { id, jobName: type, payload: data, options: {}, sentAt: now },
      ...EVENT_CONSUMERS[type].map((consumer) => ({
        id: newId(),
        jobName: consumer,
        payload: envelope,
        options: { jobId: `${id}.${consumer}` },
      })),
    ];
  }
}
