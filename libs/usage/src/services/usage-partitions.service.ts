import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, TransactionContext } from '@app/core';

/** Monthly partitions created ahead of time by the daily job (the current month included). */
export const PARTITION_MONTHS_AHEAD = 3;

/** Any constant: serialises partition maintenance across workers (pg_advisory_xact_lock). */
const PARTITION_LOCK = 0x75736167; // 'usag'

export const partitionName = (monthStart: Date): string =>
  `usage_events_${monthStart.getUTCFullYear()}_${String(monthStart.getUTCMonth() + 1).padStart(2, '0')}`;

const monthStart = (at: Date, plusMonths = 0): Date =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + plusMonths, 1));

export interface PartitionResult {
  /** Partitions this run created (empty when they all existed: the job is idempotent). */
  created: string[];
  /** Rows moved out of the DEFAULT partition into a partition created for their month. */
  movedFromDefault: number;
}

/**
 * Keeps monthly partitions of `usage_events` ahead of time. Events of a month without a partition land in
 * `usage_events_default` (nothing is lost); when the month's partition is created later, its rows are moved
 * out of the default partition first, because Postgres refuses a new partition whose range has rows in
 * the default one.
 */
@Injectable()
export class UsagePartitionsService {
  private readonly logger = new Logger(UsagePartitionsService.name);

  constructor(private readonly tx: TransactionContext) {}

  @JobHandler(JobName.EnsureUsagePartitions, { schedule: '7 1 * * *' })
  async run(): Promise<PartitionResult> {
    return this.ensurePartitions(new Date(), PARTITION_MONTHS_AHEAD);
  }

  /** Creates the partitions of the month of `from` and the `monthsAhead` months after it, when missing. */
  async ensurePartitions(from: Date, monthsAhead: number): Promise<PartitionResult> {
    const result: PartitionResult = { created: [], movedFromDefault: 0 };
    for (let i = 0; i <= monthsAhead; i++) {
      const start = monthStart(from, i);
      const end = monthStart(from, i + 1);
      const name = partitionName(start);
      await this.tx.run(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
        const [{ exists }] = await manager.query<{ exists: boolean }[]>(
          'SELECT to_regclass($1) IS NOT NULL AS exists',
          [name],
        );
        if (exists) return;
        const range = `FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`;
        const [{ count }] = await manager.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM usage_events_default WHERE "timestamp" >= $1 AND "timestamp" < $2`,
          [start, end],
        );
        if (count === 0) {
          await manager.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF usage_events ${range}`);
        } else {
          await manager.query(
            `CREATE TABLE "${name}" (LIKE usage_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
          );
          await manager.query(
            `WITH moved AS (
               DELETE FROM usage_events_default WHERE "timestamp" >= $1 AND "timestamp" < $2 RETURNING *
             )
             INSERT INTO "${name}" SELECT * FROM moved`,
            [start, end],
          );
          await manager.query(`ALTER TABLE usage_events ATTACH PARTITION "${name}" ${range}`);
          result.movedFromDefault += count;
        }
        result.created.push(name);
      });
    }
    if (result.created.length)
      this.logger.log(
        `Created usage partitions ${result.created.join(', ')} (${result.movedFromDefault} rows moved).`,
      );
    return result;
  }
}
