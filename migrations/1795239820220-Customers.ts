import { MigrationInterface, QueryRunner } from 'typeorm';

export class Customers1795239820220 implements MigrationInterface {
  name = 'Customers1795239820220';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "customers" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "external_id" text,
                "name" text NOT NULL,
                "legal_name" text,
                "billing_emails" text array NOT NULL,
                "phone" text,
                "billing_address" jsonb,
                "shipping_address" jsonb,
                "tax_ids" jsonb NOT NULL DEFAULT '[]',
                "currency" text NOT NULL,
                "locale" text,
                "timezone" text,
                "payment_terms_days" integer NOT NULL DEFAULT '0',
                "collection_method" text NOT NULL DEFAULT 'charge_automatically',
                "metadata" jsonb NOT NULL DEFAULT '{}',
                "archived_at" TIMESTAMP WITH TIME ZONE,
                "first_invoiced_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_customers_billing_emails" CHECK (
                    cardinality("billing_emails") BETWEEN 1 AND 10
                ),
                CONSTRAINT "CHK_customers_collection_method" CHECK (
                    "collection_method" IN ('charge_automatically', 'send_invoice')
                ),
                CONSTRAINT "CHK_customers_payment_terms_days" CHECK (
                    "payment_terms_days" BETWEEN 0 AND 365
                ),
                CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e1ea572bed0889441c72e572a7" ON "customers" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3ca6bc232f9de94c51a11125b0" ON "customers" ("org_id", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c0e9a0e1152339e2673c0bbba9" ON "customers" ("org_id", "external_id")
        `);
    // Search (`?q=`): a case-insensitive substring match on the name and the billing e-mails, served by a
    // trigram index. array_to_string is only STABLE, so the search text is built by an IMMUTABLE wrapper
    // (text[] to text does not depend on settings). The entity declares both indexes with
    // `synchronize: false`: TypeORM cannot describe expression or GIN indexes.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
            CREATE FUNCTION customers_search_text(name text, emails text[]) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT lower(name || ' ' || array_to_string(emails, ' ')) $$
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_customers_search_text" ON "customers"
            USING gin (customers_search_text("name", "billing_emails") gin_trgm_ops)
        `);
    // The `?email=` filter: billing_emails @> ARRAY[email].
    await queryRunner.query(`
            CREATE INDEX "IDX_customers_billing_emails" ON "customers" USING gin ("billing_emails")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm stays: other tables may use it.
    await queryRunner.query(`
            DROP INDEX "public"."IDX_customers_billing_emails"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_customers_search_text"
        `);
    await queryRunner.query(`
            DROP FUNCTION customers_search_text(text, text[])
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c0e9a0e1152339e2673c0bbba9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3ca6bc232f9de94c51a11125b0"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e1ea572bed0889441c72e572a7"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"
        `);
  }
}
