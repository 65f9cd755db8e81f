import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795237443567 implements MigrationInterface {
  name = 'AuditLog1795237443567';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL,
                "org_id" uuid,
                "actor_kind" text NOT NULL,
                "actor_id" text NOT NULL,
                "action" text NOT NULL,
                "target_type" text,
                "target_id" text,
                "changes" jsonb,
                "ip" text,
                "user_agent" text,
                "request_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "audit_log_actor_kind_check" CHECK (
                    "actor_kind" IN ('user', 'api_key', 'operator', 'system')
                ),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_org_target_idx" ON "audit_log" ("org_id", "target_type", "target_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_org_actor_idx" ON "audit_log" ("org_id", "actor_kind", "actor_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_org_action_idx" ON "audit_log" ("org_id", "action", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_org_id_idx" ON "audit_log" ("org_id", "id")
        `);
    // Append-only, enforced by the database (hand-written: TypeORM does not model triggers). Row triggers
    // refuse UPDATE and DELETE, a statement trigger refuses TRUNCATE. Only a superuser who drops or
    // disables the triggers can change history, and that is itself a DDL change visible in the database.
    await queryRunner.query(`
            CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
                    USING HINT = 'Audit entries are never changed or removed.';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_log_append_only"
            BEFORE UPDATE OR DELETE ON "audit_log"
            FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_log_no_truncate"
            BEFORE TRUNCATE ON "audit_log"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "audit_log_no_truncate" ON "audit_log"
        `);
    await queryRunner.query(`
            DROP TRIGGER "audit_log_append_only" ON "audit_log"
        `);
    await queryRunner.query(`
            DROP FUNCTION "audit_log_refuse_change"()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_org_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_org_action_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_org_actor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_org_target_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
  }
}
