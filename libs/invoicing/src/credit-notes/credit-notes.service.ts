import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobQueue, TransactionContext } from '@app/core';
import { CreditsService } from '@app/credits';
import { LedgerAccount, LedgerService } from '@app/ledger';
import { Invoice } from '../entities/invoice.entity';
import { InvoicingErrorCode, conflict } from '../invoicing.errors';
import { NumberSequenceService } from '../numbering/number-sequence.service';
import { InvoiceRepository } from '../services/invoice.repository';
import { CreditableLine, CreditNoteLineAmounts, CreditRequest, creditNoteLines } from './credit-note-amounts';
import { appliedToInvoiceJournal, issuedJournal } from './credit-note-journals';
import { toCreditNoteDetail } from './credit-note-mapper';
import { CreditNotesErrorCode, invalidField } from './credit-notes.errors';
import { CreditNoteDetailResponse } from './dto/credit-note.response';
import { CreditNote, CreditNoteOutcome, CreditNoteReason } from './entities/credit-note.entity';
import { CreditNoteLine } from './entities/credit-note-line.entity';

export interface CreateCreditNoteInput extends CreditRequest {
  reason: CreditNoteReason;
  memo?: string | null;
  outcome: CreditNoteOutcome;
  /** User or API key id, recorded on the customer-credit grant. */
  issuedBy?: string | null;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Issues credit notes (docs/credit-notes.md): one transaction under the invoice's row lock takes the
 * next credit-note number, writes the note, posts the ledger, carries out the outcome and enqueues
 * `credit_note.created`. Concurrent notes on one invoice queue on that lock, so each sees what the
 * previous ones credited; a failure rolls everything back, the number too.
 */
@Injectable()
export class CreditNotesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly invoices: InvoiceRepository,
    private readonly numbers: NumberSequenceService,
    private readonly credits: CreditsService,
    private readonly ledger: LedgerService,
  ) {}

  create(
    orgId: string,
    invoiceId: string,
    input: CreateCreditNoteInput,
    now = new Date(),
  ): Promise<CreditNoteDetailResponse> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, invoiceId);
      if (invoice.status !== 'open' && invoice.status !== 'paid')
        throw conflict(
          InvoicingErrorCode.InvalidTransition,
          `Invoice ${invoice.id} is ${invoice.status}; credit notes are for open or paid invoices.`,
        );
      const amounts = creditNoteLines(input, await this.creditableLines(manager, invoice));
      const total = sum(amounts.map((line) => line.total));
      const creditable = invoice.total - invoice.creditedTotal;
      if (total > creditable)
        throw invalidField(
          CreditNotesErrorCode.ExceedsCreditable,
          input.amount !== undefined ? 'amount' : 'lines',
          `the credit note's total ${total} is more than the ${creditable} still creditable on the invoice`,
        );
      await this.assertOutcome(manager, invoice, input.outcome, total);

      const note = manager.create(CreditNote, {
        orgId,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        number: await this.numbers.next(orgId, 'credit_note', now),
        currency: invoice.currency,
        reason: input.reason,
        memo: input.memo ?? null,
        outcome: input.outcome,
        subtotal: sum(amounts.map((line) => line.amount)),
        taxTotal: sum(amounts.map((line) => line.taxAmount)),
        total,
        refundStatus: input.outcome === 'refund' ? 'pending' : null,
        creditGrantId: null,
        issuedAt: now,
      });
      await this.ledger.post(orgId, issuedJournal(note));
      await this.carryOut(invoice, note, input.issuedBy ?? null);
      // Inserted complete: the row is immutable from then on.
      await manager.insert(CreditNote, note);
      const lines = amounts.map((line, i) => this.toLine(manager, note, line, i + 1));
      await manager.insert(CreditNoteLine, lines);
      invoice.creditedTotal += total;
      await manager.save(invoice);
      await this.jobs.enqueue(JobName.CreditNoteCreated, {
        orgId,
        creditNoteId: note.id,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        number: note.number,
        currency: note.currency,
        total,
      });
      return toCreditNoteDetail(note, lines);
    });
  }

  /** The invoice's lines with what earlier credit notes took from each (read under the invoice lock). */
  private async creditableLines(manager: EntityManager, invoice: Invoice): Promise<CreditableLine[]> {
    const lines = await this.invoices.lines(manager, invoice.orgId, invoice.id);
    const credited: { invoice_line_id: string; net: string; tax: string }[] = await manager.query(
      `SELECT l.invoice_line_id, sum(l.amount) AS net, sum(l.tax_amount) AS tax
       FROM credit_note_lines l JOIN credit_notes n ON n.id = l.credit_note_id
       WHERE n.org_id = $1 AND n.invoice_id = $2 AND l.invoice_line_id IS NOT NULL
       GROUP BY l.invoice_line_id`,
      [invoice.orgId, invoice.id],
    );
    const byLine = new Map(credited.map((row) => [row.invoice_line_id, row]));
    return lines.map((line) => ({
      id: line.id,
      description: line.description,
      quantity: line.quantity,
      net: line.total - line.taxAmount,
      tax: line.taxAmount,
      taxes: line.taxes,
      creditedNet: Number(byLine.get(line.id)?.net ?? 0),
      creditedTax: Number(byLine.get(line.id)?.tax ?? 0),
    }));
  }

  /**
   * `reduce_amount_due` needs an open invoice that still owes the total; `refund` can give back only what
   * was paid and not yet refunded by earlier credit notes. 422 naming `outcome` otherwise.
   */
  private async assertOutcome(
    manager: EntityManager,
    invoice: Invoice,
    outcome: CreditNoteOutcome,
    total: number,
  ): Promise<void> {
    if (outcome === 'reduce_amount_due' && (invoice.status !== 'open' || invoice.amountRemaining < total))
      throw invalidField(
        CreditNotesErrorCode.OutcomeNotAllowed,
        'outcome',
        `reduce_amount_due needs an open invoice with at least ${total} remaining (it is ${invoice.status} with ${invoice.amountRemaining})`,
      );
    if (outcome === 'refund') {
      const rows: { sum: string }[] = await manager.query(
        `SELECT coalesce(sum(total), 0) AS sum FROM credit_notes
         WHERE org_id = $1 AND invoice_id = $2 AND outcome = 'refund'`,
        [invoice.orgId, invoice.id],
      );
      const refundable = invoice.amountPaid - Number(rows[0].sum);
      if (total > refundable)
        throw invalidField(
          CreditNotesErrorCode.OutcomeNotAllowed,
          'outcome',
          `a refund of ${total} is more than the ${refundable} paid and not yet refunded`,
        );
    }
  }

  /** The outcome's own postings and invoice changes; sets `creditGrantId` for customer credit. */
  private async carryOut(invoice: Invoice, note: CreditNote, issuedBy: string | null): Promise<void> {
    if (note.outcome === 'reduce_amount_due') {
      await this.ledger.post(note.orgId, appliedToInvoiceJournal(note));
      invoice.amountRemaining -= note.total;
      if (invoice.amountRemaining === 0) Object.assign(invoice, { status: 'paid', paymentState: 'paid' });
    } else if (note.outcome === 'customer_credit') {
      const { grantId } = await this.credits.grant(
        note.orgId,
        {
          customerId: note.customerId,
          currency: note.currency,
          amount: note.total,
          type: 'refund',
          source: 'credit_note',
          sourceId: note.id,
          description: `Credit note ${note.number}`,
          grantedBy: issuedBy,
          fundingAccount: LedgerAccount.Refunds,
        },
        note.issuedAt,
      );
      note.creditGrantId = grantId;
    }
    // refund: the Refunds account holds the total until the payments issue pays it out.
  }

  private toLine(
    manager: EntityManager,
    note: CreditNote,
    line: CreditNoteLineAmounts,
    position: number,
  ): CreditNoteLine {
    return manager.create(CreditNoteLine, { orgId: note.orgId, creditNoteId: note.id, position, ...line });
  }
}
