import { MigrationInterface, QueryRunner } from 'typeorm';

export class Subscriptions1795241600000 implements MigrationInterface {
  name = 'Subscriptions1795241600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "subscriptions" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "external_id" text,
                "customer_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "plan_code" text NOT NULL,
                "currency" character(3) NOT NULL,
                "status" text NOT NULL,
                "timezone" text NOT NULL,
                "interval" text NOT NULL,
                "interval_count" integer NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "billing_anchor" TIMESTAMP WITH TIME ZONE NOT NULL,
                "trial_ends_at" TIMESTAMP WITH TIME ZONE,
                "current_period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "current_period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "cancel_at_period_end" boolean NOT NULL DEFAULT false,
                "canceled_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "paused_at" TIMESTAMP WITH TIME ZONE,
                "pending_plan_id" uuid,
                "pending_plan_code" text,
                CONSTRAINT "subscriptions_period_check" CHECK (current_period_end > current_period_start),
                CONSTRAINT "subscriptions_interval_count_check" CHECK (
                    interval_count BETWEEN 1 AND 12
                ),
                CONSTRAINT "subscriptions_interval_check" CHECK (interval IN ('week', 'month', 'quarter', 'year')),
                CONSTRAINT "subscriptions_status_check" CHECK (
                    status IN (
                        'trialing',
                        'active',
                        'past_due',
                        'paused',
                        'canceled'
                    )
                ),
                CONSTRAINT "PK_a87248d73155605cf782be9ee5e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_363623aab86786a0b99e10b03f" ON "subscriptions" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "subscriptions_current_period_end_idx" ON "subscriptions" ("current_period_end")
        `);
    await queryRunner.query(`
            CREATE INDEX "subscriptions_org_id_plan_code_idx" ON "subscriptions" ("org_id", "plan_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "subscriptions_org_id_customer_id_idx" ON "subscriptions" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "subscriptions_org_id_external_id_key" ON "subscriptions" ("org_id", "external_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."subscriptions_org_id_external_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."subscriptions_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."subscriptions_org_id_plan_code_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."subscriptions_current_period_end_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_363623aab86786a0b99e10b03f"
        `);
    await queryRunner.query(`
            DROP TABLE "subscriptions"
        `);
  }
}
