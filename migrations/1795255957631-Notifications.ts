import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795255957631 implements MigrationInterface {
  name = 'Notifications1795255957631';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification_settings" (
                "org_id" uuid NOT NULL,
                "invoice_finalized" boolean NOT NULL,
                "credit_note" boolean NOT NULL,
                "payment_receipt" boolean NOT NULL,
                "payment_failed" boolean NOT NULL,
                "renewal_reminder" boolean NOT NULL,
                "renewal_reminder_days_before" smallint NOT NULL,
                "due_date_reminder" boolean NOT NULL,
                "due_date_reminder_days_before" smallint NOT NULL,
                "overdue_reminder" boolean NOT NULL,
                "usage_alert" boolean NOT NULL,
                "reply_to" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_settings_due_date_days_check" CHECK (
                    due_date_reminder_days_before BETWEEN 1 AND 30
                ),
                CONSTRAINT "notification_settings_renewal_days_check" CHECK (
                    renewal_reminder_days_before BETWEEN 1 AND 60
                ),
                CONSTRAINT "PK_270ba4212fcebcde41c6a21fd48" PRIMARY KEY ("org_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "customer_notification_preferences" (
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "opted_out" text array NOT NULL DEFAULT '{}',
                "cc" text array NOT NULL DEFAULT '{}',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "customer_notification_preferences_cc_check" CHECK (cardinality(cc) <= 10),
                CONSTRAINT "PK_8cac299207e2ac2ccef314f2a88" PRIMARY KEY ("org_id", "customer_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "emails"
            ADD "customer_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "emails"
            ADD "reply_to" text
        `);
    await queryRunner.query(`
            ALTER TABLE "emails"
            ADD "attachments" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "emails"
            ADD "dedupe_key" text
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "emails_dedupe_key_key" ON "emails" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "emails_org_customer_idx" ON "emails" ("org_id", "customer_id", "id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."emails_org_customer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."emails_dedupe_key_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "emails" DROP COLUMN "dedupe_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "emails" DROP COLUMN "attachments"
        `);
    await queryRunner.query(`
            ALTER TABLE "emails" DROP COLUMN "reply_to"
        `);
    await queryRunner.query(`
            ALTER TABLE "emails" DROP COLUMN "customer_id"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_notification_preferences"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_settings"
        `);
  }
}
