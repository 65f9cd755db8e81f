import { MigrationInterface, QueryRunner } from 'typeorm';

export class StripeCustomersPaymentMethodsAttempts1795260063030 implements MigrationInterface {
  name = 'StripeCustomersPaymentMethodsAttempts1795260063030';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "stripe_customers" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "stripe_customer_id" text NOT NULL,
                CONSTRAINT "PK_04d1cce981fe2fc3688e52bf2b6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d64cb18bc4d31ab0b9bd670090" ON "stripe_customers" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "stripe_customers_org_id_customer_id_key" ON "stripe_customers" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "payment_methods" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "provider_payment_method_id" text NOT NULL,
                "type" text NOT NULL,
                "brand" text,
                "last4" text,
                "exp_month" smallint,
                "exp_year" smallint,
                "is_default" boolean NOT NULL DEFAULT false,
                "detached_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_34f9b8c6dfb4ac3559f7e2820d1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e474bddc922bc503dabac6c693" ON "payment_methods" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payment_methods_one_default_key" ON "payment_methods" ("org_id", "customer_id")
            WHERE is_default
                AND detached_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payment_methods_org_id_provider_payment_method_id_key" ON "payment_methods" ("org_id", "provider_payment_method_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "payment_methods_org_id_customer_id_idx" ON "payment_methods" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "payment_attempts" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "installment_id" uuid,
                "attempt_number" integer NOT NULL,
                "idempotency_key" text NOT NULL,
                "payment_id" uuid NOT NULL,
                "trigger" text NOT NULL,
                "status" text NOT NULL,
                "stripe_customer_id" text NOT NULL,
                "provider_payment_method_id" text NOT NULL,
                "failure_code" text,
                "decline_code" text,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "payment_attempts_trigger_check" CHECK (
                    trigger IN (
                        'finalized',
                        'pay_now',
                        'dunning_retry',
                        'payment_method_added',
                        'installment'
                    )
                ),
                CONSTRAINT "payment_attempts_status_check" CHECK (
                    status IN (
                        'pending',
                        'requires_action',
                        'processing',
                        'succeeded',
                        'failed',
                        'canceled'
                    )
                ),
                CONSTRAINT "PK_a0d8a67c07a0fef98dfd20214e5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f25a19e7d9b5b4095584b01e3f" ON "payment_attempts" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "payment_attempts_in_flight_idx" ON "payment_attempts" ("status", "updated_at")
            WHERE status IN ('pending', 'requires_action', 'processing')
        `);
    await queryRunner.query(`
            CREATE INDEX "payment_attempts_org_id_invoice_id_idx" ON "payment_attempts" ("org_id", "invoice_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payment_attempts_idempotency_key_key" ON "payment_attempts" ("idempotency_key")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payment_attempts_invoice_id_attempt_number_key" ON "payment_attempts" ("invoice_id", "attempt_number")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."payment_attempts_invoice_id_attempt_number_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_attempts_idempotency_key_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_attempts_org_id_invoice_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_attempts_in_flight_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f25a19e7d9b5b4095584b01e3f"
        `);
    await queryRunner.query(`
            DROP TABLE "payment_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_methods_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_methods_org_id_provider_payment_method_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payment_methods_one_default_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e474bddc922bc503dabac6c693"
        `);
    await queryRunner.query(`
            DROP TABLE "payment_methods"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."stripe_customers_org_id_customer_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d64cb18bc4d31ab0b9bd670090"
        `);
    await queryRunner.query(`
            DROP TABLE "stripe_customers"
        `);
  }
}
