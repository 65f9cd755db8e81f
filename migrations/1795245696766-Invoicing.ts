import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoicing1795245696766 implements MigrationInterface {
  name = 'Invoicing1795245696766';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invoicing_settings" (
                "org_id" uuid NOT NULL,
                "invoice_number_pattern" text NOT NULL DEFAULT '{prefix}-{YYYY}-{seq:6}',
                "prefix" text NOT NULL DEFAULT 'INV',
                "credit_note_number_pattern" text NOT NULL DEFAULT '{prefix}-CN-{YYYY}-{seq:6}',
                "yearly_reset" boolean NOT NULL DEFAULT true,
                "default_payment_terms_days" integer,
                "draft_grace_hours" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "invoicing_settings_grace_check" CHECK (
                    draft_grace_hours BETWEEN 0 AND 720
                ),
                CONSTRAINT "invoicing_settings_terms_check" CHECK (
                    default_payment_terms_days IS NULL
                    OR default_payment_terms_days BETWEEN 0 AND 365
                ),
                CONSTRAINT "PK_168bb19cdff9443d0568fe2d25f" PRIMARY KEY ("org_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "invoices" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "subscription_id" uuid,
                "billing_boundary" TIMESTAMP WITH TIME ZONE,
                "period_start" TIMESTAMP WITH TIME ZONE,
                "period_end" TIMESTAMP WITH TIME ZONE,
                "currency" character(3) NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "payment_state" text NOT NULL DEFAULT 'unpaid',
                "overdue" boolean NOT NULL DEFAULT false,
                "overdue_at" TIMESTAMP WITH TIME ZONE,
                "number" text,
                "issued_at" TIMESTAMP WITH TIME ZONE,
                "due_at" TIMESTAMP WITH TIME ZONE,
                "payment_terms_days" integer,
                "subtotal" bigint NOT NULL DEFAULT '0',
                "discount_total" bigint NOT NULL DEFAULT '0',
                "tax_total" bigint NOT NULL DEFAULT '0',
                "total" bigint NOT NULL DEFAULT '0',
                "credits_applied" bigint NOT NULL DEFAULT '0',
                "amount_due" bigint NOT NULL DEFAULT '0',
                "amount_paid" bigint NOT NULL DEFAULT '0',
                "amount_remaining" bigint NOT NULL DEFAULT '0',
                "credited_total" bigint NOT NULL DEFAULT '0',
                "tax_breakdown" jsonb NOT NULL DEFAULT '[]',
                "discount_breakdown" jsonb NOT NULL DEFAULT '[]',
                "tax_treatment" text,
                "legal_note" text,
                "memo" text,
                "customer_snapshot" jsonb,
                "finalized_at" TIMESTAMP WITH TIME ZONE,
                "voided_at" TIMESTAMP WITH TIME ZONE,
                "marked_uncollectible_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "invoices_payment_terms_days_check" CHECK (
                    payment_terms_days IS NULL
                    OR payment_terms_days BETWEEN 0 AND 365
                ),
                CONSTRAINT "invoices_amount_due_check" CHECK (amount_due = total - credits_applied),
                CONSTRAINT "invoices_finalized_amounts_check" CHECK (
                    status = 'draft'
                    OR (
                        total >= 0
                        AND amount_due >= 0
                        AND amount_remaining >= 0
                    )
                ),
                CONSTRAINT "invoices_amounts_check" CHECK (
                    discount_total >= 0
                    AND credits_applied >= 0
                    AND amount_paid >= 0
                    AND credited_total >= 0
                ),
                CONSTRAINT "invoices_issued_check" CHECK ((status = 'draft') = (issued_at IS NULL)),
                CONSTRAINT "invoices_number_check" CHECK ((status = 'draft') = (number IS NULL)),
                CONSTRAINT "invoices_payment_state_check" CHECK (
                    payment_state IN ('unpaid', 'partially_paid', 'paid')
                ),
                CONSTRAINT "invoices_status_check" CHECK (
                    status IN ('draft', 'open', 'paid', 'void', 'uncollectible')
                ),
                CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_824ca52f970e3ca5c8475ccee5" ON "invoices" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "invoices_overdue_due_at_idx" ON "invoices" ("due_at")
            WHERE status = 'open'
                AND NOT overdue
        `);
    await queryRunner.query(`
            CREATE INDEX "invoices_org_id_status_idx" ON "invoices" ("org_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "invoices_org_id_customer_id_idx" ON "invoices" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoices_subscription_boundary_key" ON "invoices" ("org_id", "subscription_id", "billing_boundary")
            WHERE subscription_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoices_org_id_number_key" ON "invoices" ("org_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_number_sequences" (
                "org_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "next_value" bigint NOT NULL,
                "current_period" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_816f189f4d9be1f472c1ece290d" PRIMARY KEY ("org_id", "kind")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_lines" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "kind" text NOT NULL,
                "description" text NOT NULL,
                "quantity" numeric NOT NULL,
                "unit_amount" numeric NOT NULL,
                "amount" bigint NOT NULL,
                "discount_amount" bigint NOT NULL DEFAULT '0',
                "tax_amount" bigint NOT NULL DEFAULT '0',
                "total" bigint NOT NULL DEFAULT '0',
                "taxes" jsonb NOT NULL DEFAULT '[]',
                "discounts" jsonb NOT NULL DEFAULT '[]',
                "tax_rate_ids" text array,
                "charge_id" uuid,
                "metric_code" text,
                "period_start" TIMESTAMP WITH TIME ZONE,
                "period_end" TIMESTAMP WITH TIME ZONE,
                "metadata" jsonb NOT NULL DEFAULT '{}',
                "discountable" boolean NOT NULL DEFAULT true,
                CONSTRAINT "invoice_lines_discount_tax_check" CHECK (
                    discount_amount >= 0
                    AND (
                        tax_amount >= 0
                        OR amount < 0
                    )
                ),
                CONSTRAINT "invoice_lines_quantity_check" CHECK (quantity >= 0),
                CONSTRAINT "invoice_lines_amount_check" CHECK (
                    amount >= 0
                    OR kind = 'proration'
                ),
                CONSTRAINT "invoice_lines_kind_check" CHECK (
                    kind IN (
                        'subscription_fee',
                        'usage_charge',
                        'proration',
                        'minimum_commitment',
                        'one_off'
                    )
                ),
                CONSTRAINT "PK_3d18eb48142b916f581f0c21a65" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_932e69dc3ad16214fb873fdfd3" ON "invoice_lines" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "invoice_lines_invoice_id_position_idx" ON "invoice_lines" ("invoice_id", "position")
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ADD CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Finalized invoices are immutable (hand-written; see docs/invoicing.md "Immutability").
    await queryRunner.query(`
            CREATE FUNCTION invoices_guard_finalized() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD.status <> 'draft' THEN
                        RAISE EXCEPTION 'invoice % is % and cannot be deleted', OLD.id, OLD.status
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_immutable_when_finalized';
                    END IF;
                    RETURN OLD;
                END IF;
                IF OLD.status <> 'draft' AND (
                    NEW.status = 'draft'
                    OR NEW.number IS DISTINCT FROM OLD.number
                    OR NEW.currency IS DISTINCT FROM OLD.currency
                    OR NEW.customer_id IS DISTINCT FROM OLD.customer_id
                    OR NEW.subtotal IS DISTINCT FROM OLD.subtotal
                    OR NEW.discount_total IS DISTINCT FROM OLD.discount_total
                    OR NEW.tax_total IS DISTINCT FROM OLD.tax_total
                    OR NEW.total IS DISTINCT FROM OLD.total
                    OR NEW.credits_applied IS DISTINCT FROM OLD.credits_applied
                    OR NEW.amount_due IS DISTINCT FROM OLD.amount_due
                    OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
                    OR NEW.tax_breakdown IS DISTINCT FROM OLD.tax_breakdown
                    OR NEW.discount_breakdown IS DISTINCT FROM OLD.discount_breakdown
                    OR NEW.customer_snapshot IS DISTINCT FROM OLD.customer_snapshot
                ) THEN
                    RAISE EXCEPTION 'invoice % is % and its amounts, number and parties cannot change', OLD.id, OLD.status
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_immutable_when_finalized';
                END IF;
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER invoices_guard_finalized BEFORE UPDATE OR DELETE ON invoices
            FOR EACH ROW EXECUTE FUNCTION invoices_guard_finalized()
        `);
    // FOR SHARE: a line change waits for a finalization in progress and then sees its outcome.
    await queryRunner.query(`
            CREATE FUNCTION invoice_lines_guard_finalized() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                invoice_status text;
            BEGIN
                SELECT status INTO invoice_status FROM invoices
                WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END
                FOR SHARE;
                IF invoice_status IS DISTINCT FROM 'draft' AND invoice_status IS NOT NULL THEN
                    RAISE EXCEPTION 'invoice lines of a % invoice cannot change', invoice_status
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_lines_immutable_when_finalized';
                END IF;
                IF TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id THEN
                    RAISE EXCEPTION 'an invoice line cannot move to another invoice'
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_lines_immutable_when_finalized';
                END IF;
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER invoice_lines_guard_finalized BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
            FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard_finalized()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER invoice_lines_guard_finalized ON invoice_lines`);
    await queryRunner.query(`DROP FUNCTION invoice_lines_guard_finalized()`);
    await queryRunner.query(`DROP TRIGGER invoices_guard_finalized ON invoices`);
    await queryRunner.query(`DROP FUNCTION invoices_guard_finalized()`);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoice_lines_invoice_id_position_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_lines"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_number_sequences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_org_id_number_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_subscription_boundary_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_org_id_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_overdue_due_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "invoices"
        `);
    await queryRunner.query(`
            DROP TABLE "invoicing_settings"
        `);
  }
}
