import { Injectable } from '@nestjs/common';
import { TransactionContext, isUuid } from '@app/core';
import { creditNoteNotFound } from './credit-notes.errors';
import { CreditNote, RefundStatus } from './entities/credit-note.entity';

/** What the payments domain needs of a credit note whose outcome is a refund. */
export interface RefundableCreditNote {
  id: string;
  number: string;
  invoiceId: string;
  customerId: string;
  currency: string;
  total: number;
  /** Null when the note's outcome is not `refund`. */
  refundStatus: RefundStatus | null;
}

/**
 * The hook through which payments pays out a credit note's refund (docs/payments-refunds-disputes.md): the
 * note locked while its refund is decided, and its `refund_status` moved between `pending` and `refunded`
 * (the only column the immutability trigger lets change). Runs in the caller's transaction.
 */
@Injectable()
export class CreditNoteRefundsService {
  constructor(private readonly tx: TransactionContext) {}

  /** The note under a row lock (404 when it is not the org's). */
  async lock(orgId: string, id: string): Promise<RefundableCreditNote> {
    const note = isUuid(id)
      ? await this.tx.manager.findOne(CreditNote, {
          where: { orgId, id },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!note) throw creditNoteNotFound(id);
    const { number, invoiceId, customerId, currency, total, refundStatus } = note;
    return { id, number, invoiceId, customerId, currency, total, refundStatus };
  }

  async setRefundStatus(orgId: string, id: string, refundStatus: RefundStatus): Promise<void> {
    await this.tx.manager.update(CreditNote, { orgId, id }, { refundStatus });
  }
}
