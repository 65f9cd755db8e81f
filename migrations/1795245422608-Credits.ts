import { MigrationInterface, QueryRunner } from 'typeorm';

export class Credits1795245422608 implements MigrationInterface {
  name = 'Credits1795245422608';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "credit_grants" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "amount" bigint NOT NULL,
                "remaining_amount" bigint NOT NULL,
                "expired_amount" bigint NOT NULL DEFAULT '0',
                "voided_amount" bigint NOT NULL DEFAULT '0',
                "type" text NOT NULL,
                "funding_account" text NOT NULL,
                "source" text NOT NULL,
                "source_id" text,
                "description" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "priority" integer NOT NULL DEFAULT '0',
                "granted_by" text,
                "status" text NOT NULL,
                CONSTRAINT "credit_grants_status_check" CHECK (
                    status IN ('active', 'depleted', 'expired', 'voided')
                ),
                CONSTRAINT "credit_grants_type_check" CHECK (
                    type IN ('promotional', 'purchased', 'goodwill', 'refund')
                ),
                CONSTRAINT "credit_grants_voided_amount_check" CHECK (voided_amount >= 0),
                CONSTRAINT "credit_grants_expired_amount_check" CHECK (expired_amount >= 0),
                CONSTRAINT "credit_grants_remaining_check" CHECK (
                    remaining_amount >= 0
                    AND remaining_amount <= amount
                ),
                CONSTRAINT "credit_grants_amount_check" CHECK (amount > 0),
                CONSTRAINT "PK_96397f777dbd187ab013c6df4c2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6cd34e4788f3609c9b7a9db451" ON "credit_grants" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_grants_org_id_customer_id_idx" ON "credit_grants" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_applications" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "grant_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "amount" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "restored_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "credit_applications_amount_check" CHECK (amount > 0),
                CONSTRAINT "PK_1943980f81286bd5dc733b5119c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b4ec39c191ffa77549551b484f" ON "credit_applications" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_applications_org_id_customer_id_idx" ON "credit_applications" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_applications_org_id_grant_id_idx" ON "credit_applications" ("org_id", "grant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_applications_org_id_invoice_id_idx" ON "credit_applications" ("org_id", "invoice_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_adjustments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "grant_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "amount" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                CONSTRAINT "credit_adjustments_kind_check" CHECK (kind IN ('expiry', 'void')),
                CONSTRAINT "credit_adjustments_amount_check" CHECK (amount > 0),
                CONSTRAINT "PK_577bdb2762a2adccf5c01bf2d49" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3cc4613b07220b635257e5afea" ON "credit_adjustments" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_adjustments_org_id_customer_id_idx" ON "credit_adjustments" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_adjustments_org_id_grant_id_idx" ON "credit_adjustments" ("org_id", "grant_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credited_invoices" (
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "applied" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "credited_invoices_applied_check" CHECK (applied >= 0),
                CONSTRAINT "PK_e418e14050fdb26aa580cc07b06" PRIMARY KEY ("org_id", "invoice_id")
            )
        `);
    // Hand-written: partial indexes TypeORM cannot describe (entity @Index with synchronize: false).
    await queryRunner.query(`
            CREATE INDEX "credit_grants_spending_order_idx" ON "credit_grants" (
                "org_id", "customer_id", "currency", "priority", "expires_at" NULLS LAST, "created_at"
            ) WHERE remaining_amount > 0
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_grants_expiry_idx" ON "credit_grants" ("expires_at")
            WHERE remaining_amount > 0 AND expires_at IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "credited_invoices"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_grants_expiry_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_grants_spending_order_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_adjustments_org_id_grant_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_adjustments_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3cc4613b07220b635257e5afea"
        `);
    await queryRunner.query(`
            DROP TABLE "credit_adjustments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_applications_org_id_invoice_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_applications_org_id_grant_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_applications_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b4ec39c191ffa77549551b484f"
        `);
    await queryRunner.query(`
            DROP TABLE "credit_applications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_grants_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6cd34e4788f3609c9b7a9db451"
        `);
    await queryRunner.query(`
            DROP TABLE "credit_grants"
        `);
  }
}
