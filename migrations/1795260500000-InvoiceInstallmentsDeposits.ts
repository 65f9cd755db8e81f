import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceInstallmentsDeposits1795260500000 implements MigrationInterface {
  name = 'InvoiceInstallmentsDeposits1795260500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invoice_installments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "amount" bigint NOT NULL,
                "amount_paid" bigint NOT NULL DEFAULT '0',
                "status" text NOT NULL DEFAULT 'open',
                "overdue" boolean NOT NULL DEFAULT false,
                "overdue_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "invoice_installments_paid_check" CHECK ((status = 'paid') = (amount_paid = amount)),
                CONSTRAINT "invoice_installments_amounts_check" CHECK (
                    amount >= 0
                    AND amount_paid >= 0
                    AND amount_paid <= amount
                ),
                CONSTRAINT "invoice_installments_status_check" CHECK (status IN ('open', 'paid')),
                CONSTRAINT "PK_51d441e05d8e23dae1a58011b52" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9c72ffab69d0abe62b92c8880b" ON "invoice_installments" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "invoice_installments_due_at_idx" ON "invoice_installments" ("due_at")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoice_installments_invoice_id_sequence_key" ON "invoice_installments" ("invoice_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_deposits" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "deposit_invoice_id" uuid NOT NULL,
                "percent" numeric(5, 2) NOT NULL,
                "amount" bigint NOT NULL,
                "status" text NOT NULL DEFAULT 'awaiting_payment',
                CONSTRAINT "invoice_deposits_percent_check" CHECK (
                    percent > 0
                    AND percent <= 100
                ),
                CONSTRAINT "invoice_deposits_status_check" CHECK (
                    status IN ('awaiting_payment', 'deducted', 'credited')
                ),
                CONSTRAINT "PK_a02a46521f307114ff30bf33692" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a6a2f87ca7587923e65c5bf6b7" ON "invoice_deposits" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoice_deposits_deposit_invoice_id_key" ON "invoice_deposits" ("deposit_invoice_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoice_deposits_invoice_id_key" ON "invoice_deposits" ("org_id", "invoice_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_installments"
            ADD CONSTRAINT "FK_c23f1329a25cd277d4625475c3c" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_kind_check",
            ADD CONSTRAINT "invoice_lines_kind_check" CHECK (
                kind IN ('subscription_fee', 'usage_charge', 'proration', 'minimum_commitment', 'one_off', 'deposit')
            ),
            DROP CONSTRAINT "invoice_lines_amount_check",
            ADD CONSTRAINT "invoice_lines_amount_check" CHECK (amount >= 0 OR kind IN ('proration', 'deposit'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_amount_check",
            ADD CONSTRAINT "invoice_lines_amount_check" CHECK (amount >= 0 OR kind = 'proration'),
            DROP CONSTRAINT "invoice_lines_kind_check",
            ADD CONSTRAINT "invoice_lines_kind_check" CHECK (
                kind IN ('subscription_fee', 'usage_charge', 'proration', 'minimum_commitment', 'one_off')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_installments" DROP CONSTRAINT "FK_c23f1329a25cd277d4625475c3c"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_deposits"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_installments"
        `);
  }
}
