import { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1795256061971 implements MigrationInterface {
  name = 'Documents1795256061971';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "documents" (
                "id" uuid NOT NULL,
                "org_id" uuid NOT NULL,
                "filename" text NOT NULL,
                "content_type" text NOT NULL,
                "sha256" character(64) NOT NULL,
                "size" integer NOT NULL,
                "content" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5905843a9aa23f27a76a1230aa" ON "documents" ("org_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "rendered_documents" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "source_type" text NOT NULL,
                "source_id" uuid NOT NULL,
                "document_id" uuid NOT NULL,
                "template_id" uuid,
                "template_version" integer NOT NULL,
                CONSTRAINT "rendered_documents_source_type_check" CHECK (source_type IN ('invoice', 'credit_note')),
                CONSTRAINT "PK_3205edbde4f622c6e99b5a2287b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d75abd3fa1fae44fb569dc2601" ON "rendered_documents" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rendered_documents_source_key" ON "rendered_documents" ("org_id", "source_type", "source_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "document_templates" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "version" integer NOT NULL,
                "html" text NOT NULL,
                "css" text NOT NULL,
                "status" text NOT NULL,
                "activated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "document_templates_version_check" CHECK (version > 0),
                CONSTRAINT "document_templates_status_check" CHECK (status IN ('draft', 'active', 'retired')),
                CONSTRAINT "document_templates_kind_check" CHECK (kind IN ('invoice', 'credit_note')),
                CONSTRAINT "PK_0372838b7b7cd3571aef80466d1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3445ca268e5dac75398bbbb8e4" ON "document_templates" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "document_templates_one_active_key" ON "document_templates" ("org_id", "kind")
            WHERE status = 'active'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "document_templates_org_id_kind_version_key" ON "document_templates" ("org_id", "kind", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "document_settings" (
                "org_id" uuid NOT NULL,
                "accent_color" text NOT NULL,
                "footer" text NOT NULL,
                "paper_size" text NOT NULL,
                "payment_instructions" text NOT NULL,
                "logo_data_uri" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "document_settings_accent_color_check" CHECK (accent_color ~ '^#[0-9a-f]{6}$'),
                CONSTRAINT "document_settings_paper_size_check" CHECK (paper_size IN ('A4', 'Letter')),
                CONSTRAINT "PK_e07bde1c1c686a395a20856610e" PRIMARY KEY ("org_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "document_settings"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."document_templates_org_id_kind_version_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."document_templates_one_active_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3445ca268e5dac75398bbbb8e4"
        `);
    await queryRunner.query(`
            DROP TABLE "document_templates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rendered_documents_source_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d75abd3fa1fae44fb569dc2601"
        `);
    await queryRunner.query(`
            DROP TABLE "rendered_documents"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5905843a9aa23f27a76a1230aa"
        `);
    await queryRunner.query(`
            DROP TABLE "documents"
        `);
  }
}
