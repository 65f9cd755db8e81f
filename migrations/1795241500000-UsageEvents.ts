import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage events, written by hand: TypeORM cannot generate partitioned tables, and the usage domain maps no
 * entity over them (raw SQL in `UsageEventRepository`), so the drift check does not look at them.
 *
 * - `usage_event_keys`: one row per (org, transaction id), whatever the event's timestamp: the dedupe key.
 * - `usage_events`: the events, partitioned by month on `timestamp`, with a DEFAULT partition so that nothing
 *   is lost when a month's partition is missing. Monthly partitions from two months back to three months
 *   ahead are created here; the `usage.ensure-partitions` job keeps creating them ahead.
 */
export class UsageEvents1795241500000 implements MigrationInterface {
  name = 'UsageEvents1795241500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "usage_event_keys" (
        "org_id" uuid NOT NULL,
        "transaction_id" text NOT NULL,
        "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "usage_event_keys_transaction_id_check" CHECK (char_length(transaction_id) BETWEEN 1 AND 255),
        CONSTRAINT "usage_event_keys_pkey" PRIMARY KEY ("org_id", "transaction_id")
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "usage_events" (
        "id" uuid NOT NULL,
        "org_id" uuid NOT NULL,
        "transaction_id" text NOT NULL,
        "customer_id" uuid NOT NULL,
        "metric_id" uuid NOT NULL,
        "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL,
        "properties" jsonb NOT NULL DEFAULT '{}',
        "value" numeric,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "usage_events_pkey" PRIMARY KEY ("org_id", "transaction_id", "timestamp")
      ) PARTITION BY RANGE ("timestamp")
    `);
    await queryRunner.query(
      `CREATE INDEX "usage_events_current_usage_idx" ON "usage_events" ("org_id", "customer_id", "metric_id", "timestamp")`,
    );
    await queryRunner.query(`CREATE TABLE "usage_events_default" PARTITION OF "usage_events" DEFAULT`);
    await queryRunner.query(`
      DO $$
      DECLARE
        m date;
      BEGIN
        FOR i IN -2..3 LOOP
          m := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date;
          EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF usage_events FOR VALUES FROM (%L) TO (%L)',
            'usage_events_' || to_char(m, 'YYYY_MM'),
            m::text || ' 00:00:00+00',
            (m + interval '1 month')::date::text || ' 00:00:00+00'
          );
        END LOOP;
      END
      $$
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_events"`);
    await queryRunner.query(`DROP TABLE "usage_event_keys"`);
  }
}
