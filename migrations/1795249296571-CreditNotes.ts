import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditNotes1795249296571 implements MigrationInterface {
  name = 'CreditNotes1795249296571';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "credit_notes" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "number" text NOT NULL,
                "currency" character(3) NOT NULL,
                "reason" text NOT NULL,
                "memo" text,
                "outcome" text NOT NULL,
                "subtotal" bigint NOT NULL,
                "tax_total" bigint NOT NULL,
                "total" bigint NOT NULL,
                "refund_status" text,
                "credit_grant_id" uuid,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "credit_notes_amounts_check" CHECK (
                    subtotal > 0
                    AND tax_total >= 0
                    AND total = subtotal + tax_total
                ),
                CONSTRAINT "credit_notes_refund_status_check" CHECK (
                    (outcome = 'refund') = (refund_status IS NOT NULL)
                    AND (
                        refund_status IS NULL
                        OR refund_status IN ('pending')
                    )
                ),
                CONSTRAINT "credit_notes_outcome_check" CHECK (
                    outcome IN ('reduce_amount_due', 'customer_credit', 'refund')
                ),
                CONSTRAINT "credit_notes_reason_check" CHECK (
                    reason IN (
                        'duplicate',
                        'fraudulent',
                        'order_change',
                        'product_unsatisfactory',
                        'other'
                    )
                ),
                CONSTRAINT "PK_4933888a20b5469e119ad74b9e9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_639fa0230fc7353d10a6e6a933" ON "credit_notes" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_notes_org_id_customer_id_idx" ON "credit_notes" ("org_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_notes_org_id_invoice_id_idx" ON "credit_notes" ("org_id", "invoice_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "credit_notes_org_id_number_key" ON "credit_notes" ("org_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_note_lines" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "credit_note_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "invoice_line_id" uuid,
                "description" text NOT NULL,
                "amount" bigint NOT NULL,
                "tax_amount" bigint NOT NULL,
                "total" bigint NOT NULL,
                "taxes" jsonb NOT NULL DEFAULT '[]',
                CONSTRAINT "credit_note_lines_amounts_check" CHECK (
                    amount > 0
                    AND tax_amount >= 0
                    AND total = amount + tax_amount
                ),
                CONSTRAINT "PK_179cc6edb6a224ec408a8fc04a4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_86c2a99775f396beb867031acd" ON "credit_note_lines" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_note_lines_invoice_line_id_idx" ON "credit_note_lines" ("invoice_line_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_note_lines_credit_note_id_idx" ON "credit_note_lines" ("credit_note_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_note_lines"
            ADD CONSTRAINT "FK_71a76737c78041f36d917f7affc" FOREIGN KEY ("credit_note_id") REFERENCES "credit_notes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Credit notes are immutable (hand-written; see docs/credit-notes.md): only refund_status may change.
    await queryRunner.query(`
            CREATE FUNCTION credit_notes_guard_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' OR TG_TABLE_NAME = 'credit_note_lines'
                    OR (to_jsonb(NEW) - 'refund_status' - 'updated_at') <> (to_jsonb(OLD) - 'refund_status' - 'updated_at')
                THEN
                    RAISE EXCEPTION '% rows are immutable once created', TG_TABLE_NAME
                        USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_immutable';
                END IF;
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER credit_notes_guard_immutable BEFORE UPDATE OR DELETE ON credit_notes
            FOR EACH ROW EXECUTE FUNCTION credit_notes_guard_immutable()
        `);
    await queryRunner.query(`
            CREATE TRIGGER credit_note_lines_guard_immutable BEFORE UPDATE OR DELETE ON credit_note_lines
            FOR EACH ROW EXECUTE FUNCTION credit_notes_guard_immutable()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER credit_note_lines_guard_immutable ON credit_note_lines`);
    await queryRunner.query(`DROP TRIGGER credit_notes_guard_immutable ON credit_notes`);
    await queryRunner.query(`DROP FUNCTION credit_notes_guard_immutable()`);
    await queryRunner.query(`
            ALTER TABLE "credit_note_lines" DROP CONSTRAINT "FK_71a76737c78041f36d917f7affc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_note_lines_credit_note_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_note_lines_invoice_line_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_86c2a99775f396beb867031acd"
        `);
    await queryRunner.query(`
            DROP TABLE "credit_note_lines"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_notes_org_id_number_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_notes_org_id_invoice_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_notes_org_id_customer_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_639fa0230fc7353d10a6e6a933"
        `);
    await queryRunner.query(`
            DROP TABLE "credit_notes"
        `);
  }
}
