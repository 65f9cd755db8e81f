import { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1795256843422 implements MigrationInterface {
  name = 'Payments1795256843422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "payments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "provider" text NOT NULL,
                "method" text NOT NULL,
                "amount" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "status" text NOT NULL,
                "provider_payment_id" text,
                "provider_charge_id" text,
                "failure_code" text,
                "failure_message" text,
                "reference" text,
                "received_at" TIMESTAMP WITH TIME ZONE,
                "amount_allocated" bigint NOT NULL DEFAULT '0',
                "amount_credited" bigint NOT NULL DEFAULT '0',
                "amount_refunded" bigint NOT NULL DEFAULT '0',
                "credit_grant_id" uuid,
                "reversed_at" TIMESTAMP WITH TIME ZONE,
                "reversal_reason" text,
                "metadata" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "payments_amounts_check" CHECK (
                    amount > 0
                    AND amount_allocated >= 0
                    AND amount_credited >= 0
                    AND amount_refunded >= 0
                    AND amount_allocated + amount_credited <= amount
                    AND amount_refunded <= amount
                ),
                CONSTRAINT "payments_status_check" CHECK (
                    status IN (
                        'pending',
                        'processing',
                        'succeeded',
                        'failed',
                        'canceled',
                        'refunded',
                        'partially_refunded',
                        'disputed'
                    )
                ),
                CONSTRAINT "payments_method_check" CHECK (
                    method IN (
                        'card',
                        'bank_transfer',
                        'check',
                        'cash',
                        'other'
                    )
                ),
                CONSTRAINT "payments_provider_check" CHECK (provider IN ('stripe', 'manual')),
                CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_dc24a985c9c67d76554830da74" ON "payments" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payments_org_id_provider_charge_id_key" ON "payments" ("org_id", "provider_charge_id")
            WHERE provider_charge_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payments_org_id_provider_payment_id_key" ON "payments" ("org_id", "provider_payment_id")
            WHERE provider_payment_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "payments_org_id_customer_id_idx" ON "payments" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "payment_allocations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "payment_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "amount" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "reversed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "payment_allocations_amount_check" CHECK (amount > 0),
                CONSTRAINT "PK_a5c6ff22065ac772620c85f4efb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_df31650455035a1394bc2289b8" ON "payment_allocations" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "payment_allocations_org_id_invoice_id_idx" ON "payment_allocations" ("org_id", "invoice_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payment_allocations_payment_id_invoice_id_key" ON "payment_allocations" ("payment_id", "invoice_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "payment_allocations"
            ADD CONSTRAINT "FK_4348f49c6822420b9503ba880b8" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "payment_allocations" DROP CONSTRAINT "FK_4348f49c6822420b9503ba880b8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_allocations_payment_id_invoice_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_allocations_org_id_invoice_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_df31650455035a1394bc2289b8"
        `);
    await queryRunner.query(`
            DROP TABLE "payment_allocations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payments_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payments_org_id_provider_payment_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payments_org_id_provider_charge_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_dc24a985c9c67d76554830da74"
        `);
    await queryRunner.query(`
            DROP TABLE "payments"
        `);
  }
}
