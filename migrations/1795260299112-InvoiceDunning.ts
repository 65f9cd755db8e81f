import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceDunning1795260299112 implements MigrationInterface {
  name = 'InvoiceDunning1795260299112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invoice_dunning" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "status" text NOT NULL,
                "retry_schedule_days" integer array NOT NULL,
                "retries_done" integer NOT NULL DEFAULT '0',
                "first_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "last_failure_code" text,
                "last_decline_code" text,
                "hard_decline" boolean NOT NULL DEFAULT false,
                "failed_payment_ids" uuid array NOT NULL DEFAULT '{}',
                "grace_period_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "past_due_at" TIMESTAMP WITH TIME ZONE,
                "final_action" text,
                "final_action_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "invoice_dunning_retries_done_check" CHECK (retries_done >= 0),
                CONSTRAINT "invoice_dunning_status_check" CHECK (
                    status IN ('active', 'recovered', 'exhausted', 'stopped')
                ),
                CONSTRAINT "PK_f9819df927b6d9e47b8e3ead3e0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b9a90e53543803b721d3db2ac2" ON "invoice_dunning" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "invoice_dunning_org_id_customer_id_idx" ON "invoice_dunning" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "invoice_dunning_org_id_status_idx" ON "invoice_dunning" ("org_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoice_dunning_invoice_id_key" ON "invoice_dunning" ("invoice_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."invoice_dunning_invoice_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoice_dunning_org_id_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoice_dunning_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b9a90e53543803b721d3db2ac2"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_dunning"
        `);
  }
}
