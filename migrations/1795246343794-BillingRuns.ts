import { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingRuns1795246343794 implements MigrationInterface {
  name = 'BillingRuns1795246343794';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "billing_pending_prorations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "subscription_id" uuid NOT NULL,
                "source_event_id" text NOT NULL,
                "position" integer NOT NULL,
                "line" jsonb NOT NULL,
                "invoice_id" uuid,
                CONSTRAINT "PK_39a74f7526e3abbf058d1365132" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2e10b23a1bde7d2019218a6653" ON "billing_pending_prorations" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_pending_prorations_open_idx" ON "billing_pending_prorations" ("org_id", "subscription_id")
            WHERE invoice_id IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "billing_pending_prorations_source_key" ON "billing_pending_prorations" ("org_id", "source_event_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "billing_runs" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "trigger" text NOT NULL,
                "cycles_total" integer NOT NULL,
                "processed" integer NOT NULL DEFAULT '0',
                "invoiced" integer NOT NULL DEFAULT '0',
                "skipped" integer NOT NULL DEFAULT '0',
                "failed" integer NOT NULL DEFAULT '0',
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6cbc5e20856bf81be0e61423167" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "billing_cycles" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "subscription_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "boundary" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closed_start" TIMESTAMP WITH TIME ZONE,
                "closed_end" TIMESTAMP WITH TIME ZONE,
                "closed_plan_id" uuid,
                "closed_fee_waived" boolean NOT NULL DEFAULT false,
                "next_start" TIMESTAMP WITH TIME ZONE,
                "next_end" TIMESTAMP WITH TIME ZONE,
                "next_plan_id" uuid,
                "next_fee_waived" boolean NOT NULL DEFAULT false,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "claimed_until" TIMESTAMP WITH TIME ZONE,
                "run_id" uuid,
                "last_error" text,
                "invoice_id" uuid,
                "finalize_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "billing_cycles_status_check" CHECK (
                    status IN (
                        'pending',
                        'awaiting_finalization',
                        'invoiced',
                        'skipped',
                        'failed'
                    )
                ),
                CONSTRAINT "PK_e2b9ae007fe8816495a934414bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_007c73ac6ff230b7a101235c1d" ON "billing_cycles" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_cycles_run_id_idx" ON "billing_cycles" ("run_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_cycles_org_id_status_idx" ON "billing_cycles" ("org_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_cycles_finalize_idx" ON "billing_cycles" ("finalize_at")
            WHERE status = 'awaiting_finalization'
        `);
    await queryRunner.query(`
            CREATE INDEX "billing_cycles_due_idx" ON "billing_cycles" ("next_attempt_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "billing_cycles_org_id_subscription_id_boundary_key" ON "billing_cycles" ("org_id", "subscription_id", "boundary")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."billing_cycles_org_id_subscription_id_boundary_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_cycles_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_cycles_finalize_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_cycles_org_id_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_cycles_run_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_007c73ac6ff230b7a101235c1d"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_cycles"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_runs"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_pending_prorations_source_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billing_pending_prorations_open_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2e10b23a1bde7d2019218a6653"
        `);
    await queryRunner.query(`
            DROP TABLE "billing_pending_prorations"
        `);
  }
}
