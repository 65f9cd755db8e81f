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
    if (!this.tx.inTransaction) throw new Error('NumberSequenceService.next must run inside a transaction');
    const settings = await this.settings.get(orgId);
    const period = sequencePeriod(at);
    // INSERT … ON CONFLICT DO UPDATE locks the row like SELECT … FOR UPDATE and increments it in one step.
    const rows: { seq: string }[] = await this.tx.manager.query(
      `INSERT INTO invoice_number_sequences AS s (org_id, kind, next_value, current_period)
       VALUES ($1, $2, 2, $3)
       ON CONFLICT (org_id, kind) DO UPDATE SET
         next_value = CASE WHEN $4 AND s.current_period <> EXCLUDED.current_period THEN 2 ELSE s.next_value + 1 END,
         current_period = EXCLUDED.current_period,
         updated_at = now()
       RETURNING next_value - 1 AS seq`,
      [orgId, kind, period, settings.yearlyReset],
    );
    const pattern = kind === 'invoice' ? settings.invoiceNumberPattern : settings.creditNoteNumberPattern;
    return formatNumber(pattern, { prefix: settings.prefix, seq: Number(rows[0].seq), at });
  }
}
