import { MigrationInterface, QueryRunner } from 'typeorm';

/** Overdue pending deliveries, found by WebhookDeliveryResumer (docs/webhooks.md). */
export class WebhookDeliveriesPendingIndex1795272268187 implements MigrationInterface {
  name = 'WebhookDeliveriesPendingIndex1795272268187';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_pending_next_attempt_idx" ON "webhook_deliveries" ("next_attempt_at")
            WHERE status = 'pending'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_pending_next_attempt_idx"
        `);
  }
}
