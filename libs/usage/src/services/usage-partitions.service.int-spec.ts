import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext, newId } from '@app/core';
import { startCoreContext } from '../../../../test/kit/core-context';
import { PARTITION_MONTHS_AHEAD, UsagePartitionsService, partitionName } from './usage-partitions.service';

describe('UsagePartitionsService (usage.ensure-partitions)', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let service: UsagePartitionsService;
  beforeAll(async () => {
    context = await startCoreContext();
    db = context.get(DataSource);
    service = new UsagePartitionsService(context.get(TransactionContext));
  });
  afterAll(() => context.close());

  const partitions = async (): Promise<string[]> =>
    (
      await db.query<{ name: string }[]>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'usage_events'::regclass ORDER BY 1`,
      )
    ).map((r) => r.name);

  it('has, after the migration, a default partition and the months around now', async () => {
    const names = await partitions();
    const now = new Date();
    expect(names).toContain('usage_events_default');
    for (const offset of [-1, 0, 1, 2, 3])
      expect(names).toContain(
        partitionName(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))),
      );
    // The daily run has nothing to do right after the migration.
    expect((await service.run()).created).toEqual([]);
    expect(PARTITION_MONTHS_AHEAD).toBe(3);
  });

  it('creates the next months ahead, idempotently', async () => {
    const first = await service.ensurePartitions(new Date('2031-11-20T10:00:00Z'), 3);
    expect(first).toEqual({
      created: [
        'usage_events_2031_11',
        'usage_events_2031_12',
        'usage_events_2032_01',
        'usage_events_2032_02',
      ],
      movedFromDefault: 0,
    });
    const [again, concurrent] = await Promise.all([
      service.ensurePartitions(new Date('2031-11-01T00:00:00Z'), 3),
      service.ensurePartitions(new Date('2031-12-01T00:00:00Z'), 3),
    ]);
    expect(again.created).toEqual([]);
    expect(concurrent.created).toEqual(['usage_events_2032_03']);
    expect(await partitions()).toEqual(
      expect.arrayContaining(['usage_events_2031_11', 'usage_events_2032_02', 'usage_events_2032_03']),
    );

    const [{ bounds }] = await db.query<{ bounds: string }[]>(
      `SELECT pg_get_expr(relpartbound, oid) AS bounds FROM pg_class WHERE relname = 'usage_events_2032_01'`,
    );
    expect(bounds).toBe("FOR VALUES FROM ('2032-01-01 00:00:00+00') TO ('2032-02-01 00:00:00+00')");
  });

  it('moves rows that landed in the default partition into the month created for them', async () => {
    const orgId = newId();
    const insert = (at: string, txn: string) =>
      db.query(
        `INSERT INTO usage_events (id, org_id, transaction_id, customer_id, metric_id, "timestamp", properties)
         VALUES ($1, $2, $3, $4, $5, $6, '{}')`,
        [newId(), orgId, txn, newId(), newId(), at],
      );
    await insert('2035-06-15T00:00:00Z', 'late-1');
    await insert('2035-06-30T23:59:59Z', 'late-2');
    await insert('2035-07-01T00:00:00Z', 'late-3');
    const where = async () =>
      db.query<{ txn: string; part: string }[]>(
        `SELECT transaction_id AS txn, tableoid::regclass::text AS part FROM usage_events WHERE org_id = $1 ORDER BY 1`,
        [orgId],
      );
    expect((await where()).map((r) => r.part)).toEqual(Array(3).fill('usage_events_default'));

    expect(await service.ensurePartitions(new Date('2035-06-10T00:00:00Z'), 0)).toEqual({
      created: ['usage_events_2035_06'],
      movedFromDefault: 2,
    });
    expect(await where()).toEqual([
      { txn: 'late-1', part: 'usage_events_2035_06' },
      { txn: 'late-2', part: 'usage_events_2035_06' },
      { txn: 'late-3', part: 'usage_events_default' },
    ]);
    // The attached partition has the parent's indexes.
    const indexes = await db.query<{ indexname: string }[]>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'usage_events_2035_06'`,
    );
    expect(indexes).toHaveLength(2);
  });
});
