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

/** `insert` returns a `key` per row it inserted; the outbox rows of the keys inserted are written with them. */
const insertThenEnqueueSql = (insert: string, first: number): string => `
  WITH inserted AS (${insert}),
  jobs AS (
    SELECT * FROM unnest($${first}::text[], $${first + 1}::uuid[], $${first + 2}::text[], $${first + 3}::jsonb[],
                         $${first + 4}::jsonb[], $${first + 5}::timestamptz[])
      AS j(key, id, job_name, payload, options, sent_at)
  ),
  enqueued AS (
    INSERT INTO outbox (id, job_name, payload, options, sent_at)
    SELECT j.id, j.job_name, j.payload, j.options, j.sent_at FROM jobs j JOIN inserted i ON i.key = j.key
  )
  SELECT key FROM inserted`;

/** An `INSERT … RETURNING <text> AS key` statement (any number of rows) and its parameters ($1…$n). */
export interface KeyedInsert {
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
    await this.tx.manager.query(INSERT_OUTBOX_SQL, outboxParams(groups.flat()));
    return groups.map((group) => group[0].id);
  }

  /**
   * Runs `insert` and, in the same statement, enqueues the job of each row it inserted: rows and their jobs
   * in one round trip, atomic without a transaction, for a hot path (the Stripe inbox, many events at once).
   * `jobs` maps each row's key (as `insert` returns it, unique) to its job's payload. Returns the keys of the
   * rows inserted; a row already there (ON CONFLICT DO NOTHING) gets no job.
   */
  async insertThenEnqueue<N extends JobName>(
    insert: KeyedInsert,
    name: N,
    jobs: Map<string, JobPayloads[N]>,
    options: EnqueueOptions = {},
  ): Promise<Set<string>> {
    const keys = [...jobs.keys()];
    const groups = this.outboxRows(name, [...jobs.values()], options);
    const rows = groups.flat();
    const inserted: { key: string }[] = await this.tx.manager.query(
      insertThenEnqueueSql(insert.sql, insert.params.length + 1),
      [...insert.params, groups.flatMap((group, i) => group.map(() => keys[i])), ...outboxParams(rows)],
    );
    return new Set(inserted.map((row) => row.key));
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
