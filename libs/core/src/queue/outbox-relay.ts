import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobsOptions } from 'bullmq';
import { JOB_QUEUES, JobName, QueueName } from './jobs';
import { OutboxMessage } from './outbox.entity';
import { QueueRegistry } from './queue-registry';

const BATCH_SIZE = 200;

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several relays
 * (one per replica) never pick the same row, and each BullMQ job takes the outbox row id as its job id, so
 * a relay that dies after adding but before marking the row sent cannot create the job twice.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  /** Relays one batch; returns how many rows it moved. */
  relayBatch(limit = BATCH_SIZE): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .createQueryBuilder(OutboxMessage, 'o')
        .where('o.sent_at IS NULL')
        .orderBy('o.id')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const published = await this.publish(rows);
      if (published.length > 0) {
        await manager
          .createQueryBuilder()
          .update(OutboxMessage)
          .set({ sentAt: () => 'now()' })
          .whereInIds(published)
          .execute();
      }
      return published.length;
    });
  }

  /** Relays until a batch comes back short, i.e. the outbox is (momentarily) empty. */
  async drain(): Promise<number> {
    let total = 0;
    let moved: number;
    do {
      moved = await this.relayBatch();
      total += moved;
    } while (moved === BATCH_SIZE);
    return total;
  }

  /** Adds the rows' jobs to their queues, one addBulk per queue; returns the ids of the rows published. */
  private async publish(rows: OutboxMessage[]): Promise<string[]> {
    const byQueue = new Map<
      QueueName,
      { rowIds: string[]; jobs: { name: JobName; data: object; opts: JobsOptions }[] }
    >();
    for (const row of rows) {
      const name = row.jobName as JobName;
      const queueName = JOB_QUEUES[name];
      if (!queueName) {
        // Written by a newer release during a rolling deploy: leave it pending for a release that knows it.
        this.logger.error(
          { outboxId: row.id, jobName: row.jobName },
          'outbox row has an unknown job name; left pending',
        );
        continue;
      }
      const batch = byQueue.get(queueName) ?? { rowIds: [], jobs: [] };
      batch.rowIds.push(row.id);
      batch.jobs.push({ name, data: row.payload, opts: jobOptions(row) });
      byQueue.set(queueName, batch);
    }
    for (const [queueName, batch] of byQueue) await this.queues.get(queueName).addBulk(batch.jobs);
    return [...byQueue.values()].flatMap((batch) => batch.rowIds);
  }
}

/** Only the options that were set: an explicit `undefined` would override the queue's default (e.g. attempts). */
function jobOptions(row: OutboxMessage): JobsOptions {
  const { delayMs, jobId, attempts, priority } = row.options;
  const options: JobsOptions = { jobId: jobId ?? row.id };
  if (delayMs !== undefined) options.delay = delayMs;
  if (attempts !== undefined) options.attempts = attempts;
  if (priority !== undefined) options.priority = priority;
  return options;
}
