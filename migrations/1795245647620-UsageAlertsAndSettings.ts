import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsageAlertsAndSettings1795245647620 implements MigrationInterface {
  name = 'UsageAlertsAndSettings1795245647620';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "usage_settings" (
                "org_id" uuid NOT NULL,
                "max_age_seconds" integer NOT NULL,
                "max_future_seconds" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "usage_settings_max_future_seconds_check" CHECK (
                    max_future_seconds BETWEEN 0 AND 86400
                ),
                CONSTRAINT "usage_settings_max_age_seconds_check" CHECK (
                    max_age_seconds BETWEEN 3600 AND 34560000
                ),
                CONSTRAINT "PK_51b4bde709a09227f91e9493798" PRIMARY KEY ("org_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "usage_alerts" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "subscription_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "billable_metric_id" uuid NOT NULL,
                "metric_code" text NOT NULL,
                "kind" text NOT NULL,
                "name" text,
                "threshold" numeric NOT NULL,
                "filters" jsonb NOT NULL DEFAULT '[]',
                "last_triggered_at" TIMESTAMP WITH TIME ZONE,
                "triggered_period_start" TIMESTAMP WITH TIME ZONE,
                "triggered_period_end" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "usage_alerts_threshold_check" CHECK (threshold > 0),
                CONSTRAINT "usage_alerts_kind_check" CHECK (
                    kind IN ('usage_threshold', 'cost_threshold', 'spike')
                ),
                CONSTRAINT "PK_9bfa7dc69924946cb25d63e43c6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0bf0af1b6c5776fa7053405ebb" ON "usage_alerts" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "usage_alerts_org_id_customer_id_idx" ON "usage_alerts" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "usage_alerts_org_id_subscription_id_idx" ON "usage_alerts" ("org_id", "subscription_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "usage_alert_triggers" (
                "alert_id" uuid NOT NULL,
                "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "org_id" uuid NOT NULL,
                "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "observed" numeric NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e2ec55b08dba9606e51899d1d01" PRIMARY KEY ("alert_id", "period_start")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "usage_alert_triggers"
            ADD CONSTRAINT "FK_d7208652054382f6e392327661c" FOREIGN KEY ("alert_id") REFERENCES "usage_alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "usage_alert_triggers" DROP CONSTRAINT "FK_d7208652054382f6e392327661c"
        `);
    await queryRunner.query(`
            DROP TABLE "usage_alert_triggers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."usage_alerts_org_id_subscription_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."usage_alerts_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "usage_alerts"
        `);
    await queryRunner.query(`
            DROP TABLE "usage_settings"
        `);
  }
}
