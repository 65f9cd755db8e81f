import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsRefundsDisputesSettings1795259800655 implements MigrationInterface {
  name = 'PaymentsRefundsDisputesSettings1795259800655';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "payment_settings" (
                "org_id" uuid NOT NULL,
                "retry_schedule_days" integer array NOT NULL,
                "final_action" text NOT NULL,
                "grace_period_days" integer NOT NULL,
                "reminder_emails" boolean NOT NULL,
                "dispute_lost_action" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f4f41d5edb1e50b90fd7246eb6a" PRIMARY KEY ("org_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "refunds" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "payment_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "credit_note_id" uuid,
                "provider" text NOT NULL,
                "amount" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "status" text NOT NULL,
                "provider_refund_id" text,
                "reason" text,
                "failure_reason" text,
                "reference" text,
                "created_by" uuid,
                CONSTRAINT "refunds_provider_check" CHECK (provider IN ('stripe', 'manual')),
                CONSTRAINT "refunds_status_check" CHECK (
                    status IN ('pending', 'succeeded', 'failed', 'canceled')
                ),
                CONSTRAINT "refunds_amount_check" CHECK (amount > 0),
                CONSTRAINT "PK_5106efb01eeda7e49a78b869738" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ef84a0b093f85a79b3eaafa13d" ON "refunds" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "refunds_org_id_provider_refund_id_key" ON "refunds" ("org_id", "provider_refund_id")
            WHERE provider_refund_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "refunds_org_id_payment_id_idx" ON "refunds" ("org_id", "payment_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "disputes" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "payment_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "provider_dispute_id" text NOT NULL,
                "amount" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "reason" text NOT NULL,
                "status" text NOT NULL,
                "evidence_due_by" TIMESTAMP WITH TIME ZONE,
                "fee" bigint,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3c97580d01c1a4b0b345c42a107" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2c1a7abff5f2afb0846584a656" ON "disputes" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "disputes_org_id_payment_id_idx" ON "disputes" ("org_id", "payment_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "disputes_org_id_provider_dispute_id_key" ON "disputes" ("org_id", "provider_dispute_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "payments"
            ADD "provider_status" text
        `);
    await queryRunner.query(`
            ALTER TABLE "payments"
            ADD "fee" bigint
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "payments" DROP COLUMN "fee"
        `);
    await queryRunner.query(`
            ALTER TABLE "payments" DROP COLUMN "provider_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."disputes_org_id_provider_dispute_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."disputes_org_id_payment_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2c1a7abff5f2afb0846584a656"
        `);
    await queryRunner.query(`
            DROP TABLE "disputes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refunds_org_id_payment_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refunds_org_id_provider_refund_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ef84a0b093f85a79b3eaafa13d"
        `);
    await queryRunner.query(`
            DROP TABLE "refunds"
        `);
    await queryRunner.query(`
            DROP TABLE "payment_settings"
        `);
  }
}
