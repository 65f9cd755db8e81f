import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { NumberSequenceKind } from '../entities/invoice-number-sequence.entity';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { formatNumber, sequencePeriod } from './number-pattern';

/**
 * Gapless per-organisation numbers for invoices and credit notes. `next` must run inside the transaction
 * that uses the number: the upsert takes the counter row's lock until that transaction ends, so concurrent
 * callers queue behind it, and a rollback undoes the increment (a failed finalization burns no number).
 */
@Injectable()
export class NumberSequenceService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly settings: InvoicingSettingsService,
  ) {}

  async next(orgId: string, kind: NumberSequenceKind, at: Date): Promise<string> {
    const [number] = await this.nextRange(orgId, kind, at, 1);
    return number;
  }

  /**
   * `count` consecutive numbers in one step (a billing batch's finalized invoices), under the same row lock
   * as `next`: the range is gapless and no other transaction gets a number inside it.
   */
  async nextRange(orgId: string, kind: NumberSequenceKind, at: Date, count: number): Promise<string[]> {
    if (!this.tx.inTransaction) throw new Error('NumberSequenceService.next must run inside a transaction');
    if (count <= 0) return [];
    const settings = await this.settings.get(orgId);
    const period = sequencePeriod(at);
    // INSERT … ON CONFLICT DO UPDATE locks the row like SELECT … FOR UPDATE and increments it in one step.
    const rows: { first: string }[] = await this.tx.manager.query(
      `INSERT INTO invoice_number_sequences AS s (org_id, kind, next_value, current_period)
       VALUES ($1, $2, 1 + $5::int, $3)
       ON CONFLICT (org_id, kind) DO UPDATE SET
         next_value = CASE WHEN $4 AND s.current_period <> EXCLUDED.current_period THEN 1 + $5::int
                           ELSE s.next_value + $5::int END,
         current_period = EXCLUDED.current_period,
         updated_at = now()
       RETURNING next_value - $5::int AS first`,
      [orgId, kind, period, settings.yearlyReset, count],
    );
    const pattern = kind === 'invoice' ? settings.invoiceNumberPattern : settings.creditNoteNumberPattern;
    const first = Number(rows[0].first);
    return Array.from({ length: count }, (_, i) =>
      formatNumber(pattern, { prefix: settings.prefix, seq: first + i, at }),
    );
  }
}
