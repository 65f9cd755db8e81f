import { MigrationInterface, QueryRunner } from 'typeorm';

export class StripeAccounts1795259604490 implements MigrationInterface {
  name = 'StripeAccounts1795259604490';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "stripe_accounts" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "org_id" uuid NOT NULL,
                "secret_key_sealed" text NOT NULL,
                "webhook_secret_sealed" text NOT NULL,
                "secret_key_last4" text NOT NULL,
                "livemode" boolean NOT NULL,
                "connected_by" uuid,
                CONSTRAINT "PK_e2022498b81a00e4c9e5b00f418" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_513497fd620bd65f98de15b95c" ON "stripe_accounts" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "stripe_accounts_org_id_key" ON "stripe_accounts" ("org_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."stripe_accounts_org_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_513497fd620bd65f98de15b95c"
        `);
    await queryRunner.query(`
            DROP TABLE "stripe_accounts"
        `);
  }
}
