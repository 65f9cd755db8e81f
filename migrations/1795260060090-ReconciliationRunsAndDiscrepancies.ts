import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReconciliationRunsAndDiscrepancies1795260060090 implements MigrationInterface {
  name = 'ReconciliationRunsAndDiscrepancies1795260060090';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reconciliation_runs" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "trigger" text NOT NULL,
                "status" text NOT NULL,
                "totals" jsonb,
                "requested_by" text,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "error" text,
                CONSTRAINT "reconciliation_runs_period_check" CHECK (period_start < period_end),
                CONSTRAINT "reconciliation_runs_status_check" CHECK (status IN ('running', 'completed', 'failed')),
                CONSTRAINT "reconciliation_runs_trigger_check" CHECK (trigger IN ('scheduled', 'manual')),
                CONSTRAINT "PK_4edbdb165c9e754997036a4176a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ca4168d16a910baf8db3b8cc71" ON "reconciliation_runs" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "reconciliation_runs_org_id_period_scheduled_key" ON "reconciliation_runs" ("org_id", "period_start", "period_end")
            WHERE trigger = 'scheduled'
        `);
    await queryRunner.query(`
            CREATE TABLE "reconciliation_discrepancies" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "run_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "object_type" text NOT NULL,
                "provider_id" text,
                "local_id" uuid,
                "expected_amount" bigint,
                "expected_currency" character(3),
                "actual_amount" bigint,
                "actual_currency" character(3),
                "expected_status" text,
                "actual_status" text,
                "detail" text NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" text,
                "resolution_note" text,
                CONSTRAINT "reconciliation_discrepancies_object_type_check" CHECK (object_type IN ('payment', 'refund', 'dispute')),
                CONSTRAINT "reconciliation_discrepancies_kind_check" CHECK (
                    kind IN (
                        'missing_locally',
                        'missing_at_stripe',
                        'amount_mismatch',
                        'status_mismatch',
                        'currency_mismatch',
                        'fee_mismatch'
                    )
                ),
                CONSTRAINT "PK_9d93a4b73200714b68169bc46d1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_991412f4cf2928d85ddf26df87" ON "reconciliation_discrepancies" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "reconciliation_discrepancies_org_id_run_id_idx" ON "reconciliation_discrepancies" ("org_id", "run_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."reconciliation_discrepancies_org_id_run_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_991412f4cf2928d85ddf26df87"
        `);
    await queryRunner.query(`
            DROP TABLE "reconciliation_discrepancies"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reconciliation_runs_org_id_period_scheduled_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ca4168d16a910baf8db3b8cc71"
        `);
    await queryRunner.query(`
            DROP TABLE "reconciliation_runs"
        `);
  }
}
