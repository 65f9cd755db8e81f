import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceBulkOperations1795249231064 implements MigrationInterface {
  name = 'InvoiceBulkOperations1795249231064';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invoice_bulk_operations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "action" text NOT NULL,
                "status" text NOT NULL,
                "filter" jsonb,
                "total" integer NOT NULL,
                "processed" integer NOT NULL DEFAULT '0',
                "succeeded" integer NOT NULL DEFAULT '0',
                "failed" integer NOT NULL DEFAULT '0',
                "requested_by" text NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "invoice_bulk_operations_counts_check" CHECK (
                    processed = succeeded + failed
                    AND processed <= total
                    AND succeeded >= 0
                    AND failed >= 0
                ),
                CONSTRAINT "invoice_bulk_operations_status_check" CHECK (status IN ('queued', 'running', 'completed')),
                CONSTRAINT "invoice_bulk_operations_action_check" CHECK (
                    action IN ('finalize', 'send', 'void', 'mark_uncollectible')
                ),
                CONSTRAINT "PK_ed831d42099ac735d69355abf94" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ae137152a6b9b7b82e36e099c8" ON "invoice_bulk_operations" ("org_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_bulk_operation_items" (
                "operation_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "org_id" uuid NOT NULL,
                "invoice_id" uuid NOT NULL,
                "status" text NOT NULL,
                "error_code" text,
                "error_detail" text,
                "processed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "invoice_bulk_operation_items_error_check" CHECK ((status = 'failed') = (error_code IS NOT NULL)),
                CONSTRAINT "invoice_bulk_operation_items_status_check" CHECK (status IN ('pending', 'succeeded', 'failed')),
                CONSTRAINT "PK_77947b82b3395a439ca5da77391" PRIMARY KEY ("operation_id", "position")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoice_bulk_operation_items_operation_id_invoice_id_key" ON "invoice_bulk_operation_items" ("operation_id", "invoice_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_bulk_operation_items"
            ADD CONSTRAINT "FK_b99f49fe3d07437d9e4124ab48b" FOREIGN KEY ("operation_id") REFERENCES "invoice_bulk_operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invoice_bulk_operation_items" DROP CONSTRAINT "FK_b99f49fe3d07437d9e4124ab48b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoice_bulk_operation_items_operation_id_invoice_id_key"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_bulk_operation_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ae137152a6b9b7b82e36e099c8"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_bulk_operations"
        `);
  }
}
