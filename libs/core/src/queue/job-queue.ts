import { Injectable } from '@nestjs/common';
import { newId } from '../database/base.entity';
import { TransactionContext } from '../database/transaction-context';
import { DomainEventEnvelope, DomainEventName, EVENT_CONSUMERS, isDomainEvent } from './domain-events';
import { EnqueueOptions, JobName, JobPayloads } from './jobs';
import { OutboxMessage } from './outbox.entity';

type OutboxRow = Pick<OutboxMessage, 'id' | 'jobName' | 'payload' | 'options'> & { sentAt?: Date };

// Raw SQL rather than the ORM's insert: this runs in every business transaction, and on the hot paths (a
// billing batch, an inbound Stripe event) building the statement from entity metadata costs more CPU than
// the round trip itself. `first` is the number of the first of its five parameters.
const insertOutboxSql = (first: number): string => `
  INSERT INTO outbox (id, job_name, payload, options, sent_at)
  SELECT * FROM unnest($${first}::uuid[], $${first + 1}::text[], $${first + 2}::jsonb[], $${first + 3}::jsonb[],
                       $${first + 4}::timestamptz[]) AS o`;

/** An `INSERT … RETURNING` statement and its parameters ($1…$n). */
export interface InsertStatement {
  sql: string;
  params: unknown[];
}

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
    const groups = this.outboxRows(name, payloads, options);
    await this.tx.manager.query(insertOutboxSql(1), outboxParams(groups.flat()));
    return groups.map((group) => group[0].id);
  }

  /**
   * Runs `insert` and, in the same statement, enqueues the job only when it inserted a row: a write and its
   * job in one round trip and no transaction, for a hot path that writes one row (an inbound Stripe event
   * into the inbox, its processing job). True when the row was inserted (and the job enqueued).
   */
  async insertThenEnqueue<N extends JobName>(
    insert: InsertStatement,
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<boolean> {
    const rows = this.outboxRows(name, [payload], options).flat();
    const enqueued: unknown[] = await this.tx.manager.query(
      `WITH inserted AS (${insert.sql})
       ${insertOutboxSql(insert.params.length + 1)} WHERE EXISTS (SELECT 1 FROM inserted)
       RETURNING id`,
      [...insert.params, ...outboxParams(rows)],
    );
    return enqueued.length > 0;
  }

  /** Each payload's outbox rows: one for a job; for a domain event, its record and one job per consumer. */
  private outboxRows<N extends JobName>(
    name: N,
    payloads: JobPayloads[N][],
    options: EnqueueOptions,
  ): OutboxRow[][] {
    return payloads.map((payload) =>
      isDomainEvent(name)
        ? this.eventRows(name, payload as JobPayloads[DomainEventName])
        : [{ id: newId(), jobName: name, payload: payload, options }],
    );
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

const outboxParams = (rows: OutboxRow[]): unknown[] => [
  rows.map((r) => r.id),
  rows.map((r) => r.jobName),
  rows.map((r) => JSON.stringify(r.payload)),
  rows.map((r) => JSON.stringify(r.options)),
  rows.map((r) => r.sentAt ?? null),
];
