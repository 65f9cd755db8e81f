import { MigrationInterface, QueryRunner } from 'typeorm';

export class StripeEventsInbox1795260024221 implements MigrationInterface {
  name = 'StripeEventsInbox1795260024221';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "stripe_events" (
                "id" uuid NOT NULL,
                "org_id" uuid NOT NULL,
                "stripe_event_id" text NOT NULL,
                "type" text NOT NULL,
                "object_id" text,
                "livemode" boolean NOT NULL,
                "stripe_created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "payload" jsonb NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "processed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "stripe_events_status_check" CHECK (
                    status IN ('pending', 'processed', 'ignored', 'failed')
                ),
                CONSTRAINT "PK_d3247bd5fc3f66b6982bbcdd897" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "stripe_events_org_id_id_idx" ON "stripe_events" ("org_id", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "stripe_events_org_id_stripe_event_id_key" ON "stripe_events" ("org_id", "stripe_event_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."stripe_events_org_id_stripe_event_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."stripe_events_org_id_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "stripe_events"
        `);
  }
}
