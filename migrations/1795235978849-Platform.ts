import { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1795235978849 implements MigrationInterface {
  name = 'Platform1795235978849';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" uuid NOT NULL,
                "job_name" text NOT NULL,
                "payload" jsonb NOT NULL,
                "options" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "outbox_pending_idx" ON "outbox" ("id")
            WHERE sent_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "emails" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid,
                "to" text array NOT NULL,
                "cc" text array NOT NULL DEFAULT '{}',
                "template" text NOT NULL,
                "subject" text NOT NULL,
                "html" text NOT NULL,
                "text" text NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "attempts" integer NOT NULL DEFAULT '0',
                "provider_message_id" text,
                "last_error" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a54dcebef8d05dca7e839749571" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_84be554f3e3be855fef9c588d1" ON "emails" ("status")
        `);
    await queryRunner.query(`
            CREATE INDEX "emails_org_created_idx" ON "emails" ("org_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "id" uuid NOT NULL,
                "scope" text NOT NULL,
                "key" text NOT NULL,
                "method" text NOT NULL,
                "path" text NOT NULL,
                "request_hash" text NOT NULL,
                "state" text NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "locked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e5fc0731b6752a8e9194fa265e" ON "idempotency_keys" ("expires_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "idempotency_keys_scope_key_uq" ON "idempotency_keys" ("scope", "key")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."idempotency_keys_scope_key_uq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e5fc0731b6752a8e9194fa265e"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."emails_org_created_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_84be554f3e3be855fef9c588d1"
        `);
    await queryRunner.query(`
            DROP TABLE "emails"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_pending_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox"
        `);
  }
}
