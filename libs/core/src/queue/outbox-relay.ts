import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobsOptions } from 'bullmq';
import { JOB_QUEUES, JobName } from './jobs';
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
      const published: string[] = [];
      for (const row of rows) if (await this.publish(row)) published.push(row.id);
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

  private async publish(row: OutboxMessage): Promise<boolean> {
    const name = row.jobName as JobName;
    const queueName = JOB_QUEUES[name];
    if (!queueName) {
      // Written by a newer release during a rolling deploy: leave it pending for a release that knows it.
      this.logger.error(
        { outboxId: row.id, jobName: row.jobName },
        'outbox row has an unknown job name; left pending',
      );
      return false;
    }
    const { delayMs, jobId, attempts, priority } = row.options;
    // Only options that were set: an explicit `undefined` would override the queue's default (e.g. attempts).
    const options: JobsOptions = { jobId: jobId ?? row.id };
    if (delayMs !== undefined) options.delay = delayMs;
    if (attempts !== undefined) options.attempts = attempts;
    if (priority !== undefined) options.priority = priority;
    await this.queues.get(queueName).add(name, row.payload, options);
    return true;
  }
}
