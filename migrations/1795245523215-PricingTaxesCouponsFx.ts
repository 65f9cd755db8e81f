import { MigrationInterface, QueryRunner } from 'typeorm';

export class PricingTaxesCouponsFx1795245523215 implements MigrationInterface {
  name = 'PricingTaxesCouponsFx1795245523215';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "coupons" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "percent_off" numeric(7, 4),
                "amount_off" bigint,
                "currency" character(3),
                "duration" text NOT NULL,
                "duration_periods" integer,
                "max_redemptions" integer,
                "times_redeemed" integer NOT NULL DEFAULT '0',
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "coupons_redemptions_check" CHECK (
                    times_redeemed >= 0
                    AND (
                        max_redemptions IS NULL
                        OR (
                            max_redemptions >= 1
                            AND times_redeemed <= max_redemptions
                        )
                    )
                ),
                CONSTRAINT "coupons_duration_periods_check" CHECK (
                    (duration = 'repeating') = (duration_periods IS NOT NULL)
                    AND (
                        duration_periods IS NULL
                        OR duration_periods >= 1
                    )
                ),
                CONSTRAINT "coupons_amount_check" CHECK (
                    (
                        kind = 'percent'
                        AND percent_off > 0
                        AND percent_off <= 100
                        AND amount_off IS NULL
                        AND currency IS NULL
                    )
                    OR (
                        kind = 'fixed'
                        AND amount_off > 0
                        AND currency IS NOT NULL
                        AND percent_off IS NULL
                    )
                ),
                CONSTRAINT "coupons_duration_check" CHECK (duration IN ('once', 'repeating', 'forever')),
                CONSTRAINT "coupons_kind_check" CHECK (kind IN ('percent', 'fixed')),
                CONSTRAINT "PK_d7ea8864a0150183770f3e9a8cb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d85e017b70570239155db566e5" ON "coupons" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "coupons_org_id_code_key" ON "coupons" ("org_id", "code")
        `);
    await queryRunner.query(`
            CREATE TABLE "applied_coupons" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "coupon_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "subscription_id" uuid,
                "periods_remaining" integer,
                "status" text NOT NULL DEFAULT 'active',
                CONSTRAINT "applied_coupons_periods_remaining_check" CHECK (
                    periods_remaining IS NULL
                    OR periods_remaining >= 0
                ),
                CONSTRAINT "applied_coupons_status_check" CHECK (status IN ('active', 'consumed', 'removed')),
                CONSTRAINT "PK_622ef788ea19852beecf105cbf7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_93d5b53f4246338a22e3d685af" ON "applied_coupons" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "applied_coupons_active_subscription_key" ON "applied_coupons" (
                "org_id",
                "coupon_id",
                "customer_id",
                "subscription_id"
            )
            WHERE status = 'active'
                AND subscription_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "applied_coupons_active_customer_key" ON "applied_coupons" ("org_id", "coupon_id", "customer_id")
            WHERE status = 'active'
                AND subscription_id IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "applied_coupons_org_id_customer_id_idx" ON "applied_coupons" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "coupon_uses" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "applied_coupon_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                CONSTRAINT "PK_863d9fccc61e374d6fce3d7e9e6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b17bfe3de9e00ebc902d36557e" ON "coupon_uses" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "coupon_uses_applied_coupon_id_invoice_id_key" ON "coupon_uses" ("applied_coupon_id", "invoice_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "fx_rates" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "base_currency" character(3) NOT NULL,
                "quote_currency" character(3) NOT NULL,
                "rate" numeric(20, 10) NOT NULL,
                "effective_date" date NOT NULL,
                "source" text NOT NULL,
                CONSTRAINT "fx_rates_pair_check" CHECK (base_currency <> quote_currency),
                CONSTRAINT "fx_rates_source_check" CHECK (source IN ('manual', 'import')),
                CONSTRAINT "fx_rates_rate_check" CHECK (rate > 0),
                CONSTRAINT "PK_94eb17e7eddb6df0cec5985ea5f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ba74b12c949542266b355e3ee8" ON "fx_rates" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "fx_rates_org_id_pair_effective_date_key" ON "fx_rates" (
                "org_id",
                "base_currency",
                "quote_currency",
                "effective_date"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "tax_rates" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "name" text NOT NULL,
                "percentage" numeric(7, 4) NOT NULL,
                "inclusive" boolean NOT NULL,
                "country" character(2),
                "region" text,
                "description" text,
                "active" boolean NOT NULL DEFAULT true,
                "is_default" boolean NOT NULL DEFAULT false,
                CONSTRAINT "tax_rates_percentage_check" CHECK (
                    percentage >= 0
                    AND percentage <= 100
                ),
                CONSTRAINT "PK_41164a748f3dafa373c7e508ca2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_fb66a5d481b3bef3e0996c2f48" ON "tax_rates" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "tax_rates_org_id_is_default_idx" ON "tax_rates" ("org_id", "is_default")
        `);
    await queryRunner.query(`
            CREATE TABLE "charge_tax_rates" (
                "org_id" uuid NOT NULL,
                "charge_id" uuid NOT NULL,
                "tax_rate_ids" uuid array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_38b6ba3fff99edf989c2815f15e" PRIMARY KEY ("org_id", "charge_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "customer_tax_settings" (
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "treatment" text NOT NULL,
                "tax_rate_ids" uuid array,
                "legal_note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "customer_tax_settings_treatment_check" CHECK (
                    treatment IN ('taxable', 'exempt', 'reverse_charge')
                ),
                CONSTRAINT "PK_191ff53bfd005b0527ce5612d71" PRIMARY KEY ("org_id", "customer_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "fx_settings" (
                "org_id" uuid NOT NULL,
                "reporting_currency" character(3) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_29531f11557da741143a213d94a" PRIMARY KEY ("org_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "applied_coupons"
            ADD CONSTRAINT "FK_ec080f070f4524c78d4d89e5930" FOREIGN KEY ("coupon_id") REFERENCES "coupons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coupon_uses"
            ADD CONSTRAINT "FK_a77e6d8cfe57d13935403613149" FOREIGN KEY ("applied_coupon_id") REFERENCES "applied_coupons"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "coupon_uses" DROP CONSTRAINT "FK_a77e6d8cfe57d13935403613149"
        `);
    await queryRunner.query(`
            ALTER TABLE "applied_coupons" DROP CONSTRAINT "FK_ec080f070f4524c78d4d89e5930"
        `);
    await queryRunner.query(`
            DROP TABLE "fx_settings"
        `);
    await queryRunner.query(`
            DROP TABLE "customer_tax_settings"
        `);
    await queryRunner.query(`
            DROP TABLE "charge_tax_rates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."tax_rates_org_id_is_default_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_fb66a5d481b3bef3e0996c2f48"
        `);
    await queryRunner.query(`
            DROP TABLE "tax_rates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."fx_rates_org_id_pair_effective_date_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ba74b12c949542266b355e3ee8"
        `);
    await queryRunner.query(`
            DROP TABLE "fx_rates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."coupon_uses_applied_coupon_id_invoice_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b17bfe3de9e00ebc902d36557e"
        `);
    await queryRunner.query(`
            DROP TABLE "coupon_uses"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applied_coupons_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applied_coupons_active_customer_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."applied_coupons_active_subscription_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_93d5b53f4246338a22e3d685af"
        `);
    await queryRunner.query(`
            DROP TABLE "applied_coupons"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."coupons_org_id_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d85e017b70570239155db566e5"
        `);
    await queryRunner.query(`
            DROP TABLE "coupons"
        `);
  }
}
