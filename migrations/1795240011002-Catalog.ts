import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795240011002 implements MigrationInterface {
  name = 'Catalog1795240011002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "plans" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "code" text NOT NULL,
                "version" integer NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "currency" character(3) NOT NULL,
                "interval" text NOT NULL,
                "interval_count" integer NOT NULL,
                "base_fee" bigint NOT NULL,
                "base_fee_timing" text NOT NULL,
                "trial_days" integer NOT NULL,
                "minimum_commitment" bigint,
                CONSTRAINT "plans_amounts_check" CHECK (
                    base_fee >= 0
                    AND trial_days >= 0
                    AND (
                        minimum_commitment IS NULL
                        OR minimum_commitment >= 0
                    )
                ),
                CONSTRAINT "plans_base_fee_timing_check" CHECK (base_fee_timing IN ('in_advance', 'in_arrears')),
                CONSTRAINT "plans_interval_count_check" CHECK (
                    interval_count BETWEEN 1 AND 12
                ),
                CONSTRAINT "plans_interval_check" CHECK (interval IN ('week', 'month', 'quarter', 'year')),
                CONSTRAINT "plans_version_check" CHECK (version >= 1),
                CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2d2259e90b8eb0bf83d1e459cb" ON "plans" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "plans_org_id_code_version_key" ON "plans" ("org_id", "code", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "billable_metrics" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "aggregation" text NOT NULL,
                "field_name" text,
                "filters" jsonb NOT NULL,
                "archived_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "billable_metrics_field_name_check" CHECK (
                    aggregation = 'count'
                    OR field_name IS NOT NULL
                ),
                CONSTRAINT "billable_metrics_aggregation_check" CHECK (
                    aggregation IN ('count', 'sum', 'max', 'unique_count', 'latest')
                ),
                CONSTRAINT "PK_32990e48f22e906741e60cb6602" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_47c50be365417ca0e3f78a8f22" ON "billable_metrics" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "billable_metrics_org_id_code_key" ON "billable_metrics" ("org_id", "code")
        `);
    await queryRunner.query(`
            CREATE TABLE "plan_charges" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "billable_metric_id" uuid NOT NULL,
                "model" text NOT NULL,
                "properties" jsonb NOT NULL,
                "filters" jsonb NOT NULL,
                CONSTRAINT "plan_charges_model_check" CHECK (
                    model IN (
                        'standard',
                        'graduated',
                        'volume',
                        'package',
                        'percentage'
                    )
                ),
                CONSTRAINT "PK_43ce3a4dae06affeaeca8e82d45" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ba19252b908b5a7fd2a1299fdd" ON "plan_charges" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c3c431505c209ada3d82f3144d" ON "plan_charges" ("billable_metric_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "plan_charges_plan_id_position_key" ON "plan_charges" ("plan_id", "position")
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_charges"
            ADD CONSTRAINT "FK_7a046d34593359eeca18a550a8c" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_charges"
            ADD CONSTRAINT "FK_c3c431505c209ada3d82f3144de" FOREIGN KEY ("billable_metric_id") REFERENCES "billable_metrics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "plan_charges" DROP CONSTRAINT "FK_c3c431505c209ada3d82f3144de"
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_charges" DROP CONSTRAINT "FK_7a046d34593359eeca18a550a8c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."plan_charges_plan_id_position_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c3c431505c209ada3d82f3144d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ba19252b908b5a7fd2a1299fdd"
        `);
    await queryRunner.query(`
            DROP TABLE "plan_charges"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."billable_metrics_org_id_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_47c50be365417ca0e3f78a8f22"
        `);
    await queryRunner.query(`
            DROP TABLE "billable_metrics"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."plans_org_id_code_version_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2d2259e90b8eb0bf83d1e459cb"
        `);
    await queryRunner.query(`
            DROP TABLE "plans"
        `);
  }
}
