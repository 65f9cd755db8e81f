import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP secrets are stored encrypted (core's SecretBox, `v1:…`) in `users.totp_secret_encrypted`. There is no
 * production data yet, so plain-text secrets are not converted: users who had one are reset to "no 2FA"
 * (secret, enablement, last time step and recovery codes removed) and enrol again. Down does the same to
 * the encrypted values, which SQL cannot decrypt.
 */
export class EncryptTotpSecret1795239462311 implements MigrationInterface {
  name = 'EncryptTotpSecret1795239462311';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await resetTwoFactor(queryRunner, 'totp_secret');
    await queryRunner.query(`
            ALTER TABLE "users"
                RENAME COLUMN "totp_secret" TO "totp_secret_encrypted"
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "users_totp_secret_encrypted_check" CHECK (totp_secret_encrypted ~ '^v[0-9]+:')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "users_totp_secret_encrypted_check"
        `);
    await resetTwoFactor(queryRunner, 'totp_secret_encrypted');
    await queryRunner.query(`
            ALTER TABLE "users"
                RENAME COLUMN "totp_secret_encrypted" TO "totp_secret"
        `);
  }
}

async function resetTwoFactor(queryRunner: QueryRunner, column: string): Promise<void> {
  await queryRunner.query(`
            DELETE FROM "auth_recovery_codes" rc USING "users" u
            WHERE rc.user_id = u.id AND u."${column}" IS NOT NULL
        `);
  await queryRunner.query(`
            UPDATE "users"
            SET "${column}" = NULL, "totp_enabled_at" = NULL, "totp_last_time_step" = NULL
            WHERE "${column}" IS NOT NULL
        `);
}
