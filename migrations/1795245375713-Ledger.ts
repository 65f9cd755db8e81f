import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ledger1795245375713 implements MigrationInterface {
  name = 'Ledger1795245375713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "ledger_journals" (
                "id" uuid NOT NULL,
                "org_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "source_type" text NOT NULL,
                "source_id" text NOT NULL,
                "currency" character(3) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "memo" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_29a6f30e8f1cc9f0d184dcdc78e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_journals_org_id_occurred_at_idx" ON "ledger_journals" ("org_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_journals_org_id_source_idx" ON "ledger_journals" ("org_id", "source_type", "source_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ledger_journals_org_id_kind_source_key" ON "ledger_journals" ("org_id", "kind", "source_type", "source_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "ledger_lines" (
                "id" uuid NOT NULL,
                "org_id" uuid NOT NULL,
                "journal_id" uuid NOT NULL,
                "account" text NOT NULL,
                "customer_id" uuid,
                "currency" character(3) NOT NULL,
                "debit" bigint NOT NULL DEFAULT '0',
                "credit" bigint NOT NULL DEFAULT '0',
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ledger_lines_one_side_check" CHECK ((debit > 0) <> (credit > 0)),
                CONSTRAINT "ledger_lines_credit_check" CHECK (credit >= 0),
                CONSTRAINT "ledger_lines_debit_check" CHECK (debit >= 0),
                CONSTRAINT "PK_ed85ce429975be095b042fa057e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_lines_org_customer_idx" ON "ledger_lines" (
                "org_id",
                "customer_id",
                "account",
                "currency",
                "occurred_at"
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_lines_org_account_idx" ON "ledger_lines" ("org_id", "account", "currency", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_lines_journal_id_idx" ON "ledger_lines" ("journal_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "ledger_accounts" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "type" text NOT NULL,
                "normal_balance" text NOT NULL,
                CONSTRAINT "ledger_accounts_normal_balance_check" CHECK (normal_balance IN ('debit', 'credit')),
                CONSTRAINT "ledger_accounts_type_check" CHECK (
                    type IN (
                        'asset',
                        'liability',
                        'income',
                        'expense',
                        'contra_income'
                    )
                ),
                CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_354ac3eadbbd3466fffd2d611b" ON "ledger_accounts" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ledger_accounts_org_id_code_key" ON "ledger_accounts" ("org_id", "code")
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_lines"
            ADD CONSTRAINT "FK_24f3a55010c51c023c019f3443d" FOREIGN KEY ("journal_id") REFERENCES "ledger_journals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Safety net under LedgerService.post: at commit, every journal touched has ≥ 2 lines, in its own
    // currency and org, whose debits equal its credits.
    await queryRunner.query(`
            CREATE FUNCTION ledger_check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                checked uuid;
                line_count bigint;
                debits numeric;
                credits numeric;
                consistent boolean;
            BEGIN
                IF TG_TABLE_NAME = 'ledger_journals' THEN
                    checked := NEW.id;
                ELSE
                    checked := NEW.journal_id;
                END IF;
                SELECT count(l.id), coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0),
                       coalesce(bool_and(l.currency = j.currency AND l.org_id = j.org_id), true)
                  INTO line_count, debits, credits, consistent
                  FROM ledger_journals j LEFT JOIN ledger_lines l ON l.journal_id = j.id
                 WHERE j.id = checked;
                IF line_count < 2 OR debits <> credits OR NOT consistent THEN
                    RAISE EXCEPTION 'ledger journal % is unbalanced (% lines, debits %, credits %, consistent %)',
                        checked, line_count, debits, credits, consistent
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON ledger_lines
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_journal_balanced()
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER ledger_journals_balanced AFTER INSERT ON ledger_journals
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_journal_balanced()
        `);
    // The ledger is append-only: a correction is a new, reversing journal.
    await queryRunner.query(`
            CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines
            FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON ledger_journals
            FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_journals_append_only ON ledger_journals`);
    await queryRunner.query(`DROP TRIGGER ledger_lines_append_only ON ledger_lines`);
    await queryRunner.query(`DROP FUNCTION ledger_reject_change()`);
    await queryRunner.query(`DROP TRIGGER ledger_journals_balanced ON ledger_journals`);
    await queryRunner.query(`DROP TRIGGER ledger_lines_balanced ON ledger_lines`);
    await queryRunner.query(`DROP FUNCTION ledger_check_journal_balanced()`);
    await queryRunner.query(`
            ALTER TABLE "ledger_lines" DROP CONSTRAINT "FK_24f3a55010c51c023c019f3443d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_accounts_org_id_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_354ac3eadbbd3466fffd2d611b"
        `);
    await queryRunner.query(`
            DROP TABLE "ledger_accounts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_lines_journal_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_lines_org_account_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_lines_org_customer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "ledger_lines"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_journals_org_id_kind_source_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_journals_org_id_source_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_journals_org_id_occurred_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "ledger_journals"
        `);
  }
}
