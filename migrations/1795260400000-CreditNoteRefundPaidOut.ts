import { MigrationInterface, QueryRunner } from 'typeorm';

/** A credit note's refund can be paid out: `refund_status` `refunded` (docs/payments-refunds-disputes.md). */
export class CreditNoteRefundPaidOut1795260400000 implements MigrationInterface {
  name = 'CreditNoteRefundPaidOut1795260400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "credit_notes" DROP CONSTRAINT "credit_notes_refund_status_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_notes"
            ADD CONSTRAINT "credit_notes_refund_status_check" CHECK (
                    (outcome = 'refund') = (refund_status IS NOT NULL)
                    AND (
                        refund_status IS NULL
                        OR refund_status IN ('pending', 'refunded')
                    )
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "credit_notes" DROP CONSTRAINT "credit_notes_refund_status_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_notes"
            ADD CONSTRAINT "credit_notes_refund_status_check" CHECK (
                    (outcome = 'refund') = (refund_status IS NOT NULL)
                    AND (
                        refund_status IS NULL
                        OR refund_status IN ('pending')
                    )
                )
        `);
  }
}
