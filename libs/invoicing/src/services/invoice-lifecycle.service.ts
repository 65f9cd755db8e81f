import { Injectable } from '@nestjs/common';
import { InvoiceEventPayload, JobName, JobQueue, TransactionContext } from '@app/core';
import { CreditsService } from '@app/credits';
import { CustomerResponse, CustomersService } from '@app/customers';
import { LedgerService, PostJournalInput } from '@app/ledger';
import { CouponsService } from '../coupons/coupons.service';
import { InvoiceDetailResponse } from '../dto/invoice.response';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { InvoiceInstallmentsService } from '../installments/invoice-installments.service';
import { InvoicingErrorCode, conflict, invalidField } from '../invoicing.errors';
import { NumberSequenceService } from '../numbering/number-sequence.service';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { finalizedJournal, uncollectibleJournal, voidedJournal } from './invoice-journals';
import { customerSnapshot, toInvoiceDetail } from './invoice-mapper';
import { InvoicePricingService } from './invoice-pricing.service';
import { rowEventPayload } from './invoice-row-event';
import { InvoiceRepository } from './invoice.repository';
import { assertCustomerCurrency } from './invoice-rules';

const DAY_MS = 86_400_000;

/** A draft with what finalizing it needs, held (locked or just inserted) by the current transaction. */
export interface HeldDraft {
  invoice: Invoice;
  lines: InvoiceLine[];
  customer: CustomerResponse;
}
const OVERDUE_BATCH = 500;

export const eventPayload = (i: Invoice): InvoiceEventPayload => ({
  orgId: i.orgId,
  invoiceId: i.id,
  customerId: i.customerId,
  number: i.number,
  currency: i.currency,
  total: i.total,
  amountDue: i.amountDue,
});

/**
 * The transitions of an invoice (docs/invoicing.md): finalize, void, mark uncollectible, send, overdue.
 * Each runs in one transaction with its ledger journal and its domain event (outbox), under the invoice's
 * row lock, and refuses a wrong state with 409 `invalid_invoice_transition`.
 */
@Injectable()
export class InvoiceLifecycleService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly invoices: InvoiceRepository,
    private readonly pricing: InvoicePricingService,
    private readonly numbers: NumberSequenceService,
    private readonly settings: InvoicingSettingsService,
    private readonly customers: CustomersService,
    private readonly credits: CreditsService,
    private readonly coupons: CouponsService,
    private readonly ledger: LedgerService,
    private readonly installments: InvoiceInstallmentsService,
  ) {}

  /**
   * draft → open, or → paid when credits cover everything. Re-prices (taxes and coupons as of now, frozen
   * from then on), takes the next number, sets issue and due dates, applies credits, posts the ledger,
   * consumes the coupons, snapshots the customer. A failure anywhere rolls everything back, the number too.
   * An installment plan set on the draft is fitted to what the invoice then owes.
   */
  finalize(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, id);
      this.assertStatus(invoice, ['draft'], 'finalized');
      const lines = await this.invoices.lines(manager, orgId, id);
      const customer = await this.customers.get(orgId, invoice.customerId);
      await this.finalizeHeld({ invoice, lines, customer }, now);
      await this.installments.fitToFinalized(manager, invoice);
      return toInvoiceDetail(invoice, lines);
    });
  }

  /**
   * Finalizes a draft the current transaction holds: locked by `finalize`, or inserted by this very
   * transaction (a billing run's invoice, which nobody else can see yet), so nothing is read again.
   */
  async finalizeHeld(draft: HeldDraft, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.tx.run(async () => {
      await this.prepareFinalization(draft, now);
      await this.completeFinalizations([draft], now);
      return toInvoiceDetail(draft.invoice, draft.lines);
    });
  }

  /**
   * The part of a finalization that needs no number: validates, prices (frozen from then on), saves the line
   * amounts, sets the dates, applies credits, consumes the coupons. The invoice row itself is written by
   * `completeFinalizations`. Must run inside the caller's transaction.
   */
  async prepareFinalization(draft: HeldDraft, now: Date): Promise<void> {
    const { invoice, lines, customer } = draft;
    const orgId = invoice.orgId;
    if (lines.length === 0)
      throw invalidField(InvoicingErrorCode.InvoiceEmpty, 'lines', 'an invoice needs at least one line');
    assertCustomerCurrency(customer, invoice.currency);
    await this.pricing.price(orgId, invoice, lines);
    if (invoice.total < 0)
      throw invalidField(
        InvoicingErrorCode.NegativeTotal,
        'total',
        `the total ${invoice.total} is negative; credits larger than the charges need a credit note`,
      );
    await this.pricing.saveLineAmounts(this.tx.manager, orgId, lines);

    const terms =
      invoice.paymentTermsDays ??
      (customer.paymentTermsDays || (await this.settings.get(orgId)).defaultPaymentTermsDays || 0);
    Object.assign(invoice, {
      status: 'open',
      paymentTermsDays: terms,
      issuedAt: now,
      dueAt: new Date(now.getTime() + terms * DAY_MS),
      finalizedAt: now,
      customerSnapshot: customerSnapshot(customer),
    });
    if (invoice.total > 0) {
      const { applied } = await this.credits.applyToInvoice(orgId, {
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        currency: invoice.currency,
        maxAmount: invoice.total,
      });
      invoice.creditsApplied = applied;
    }
    invoice.amountDue = invoice.total - invoice.creditsApplied;
    invoice.amountRemaining = invoice.amountDue;
    if (invoice.amountDue === 0) Object.assign(invoice, { status: 'paid', paymentState: 'paid' });
    const appliedCouponIds = invoice.discountBreakdown
      .filter((d) => d.amount > 0)
      .map((d) => d.appliedCouponId);
    if (appliedCouponIds.length > 0)
      await this.coupons.recordUse(orgId, { invoiceId: invoice.id, appliedCouponIds });
  }

  /**
   * Numbers prepared invoices (one gapless range per organisation, in the order given), posts their
   * journals, writes their rows and publishes `invoice.finalized`, after recording their customers' first
   * invoice: a few statements for a whole batch.
   * The numbers come last: the sequence row stays locked until commit and every finalization of the
   * organisation waits for it, so only the few writes that need the number happen while it is held.
   */
  async completeFinalizations(drafts: HeldDraft[], now: Date): Promise<void> {
    const invoices = drafts.map((d) => d.invoice);
    const byOrg = new Map<string, HeldDraft[]>();
    for (const draft of drafts)
      byOrg.set(draft.invoice.orgId, [...(byOrg.get(draft.invoice.orgId) ?? []), draft]);
    // One lock order for every batch, so two batches spanning the same organisations cannot deadlock.
    const orgIds = [...byOrg.keys()].sort();
    for (const orgId of orgIds) {
      // A customer already invoiced when read in this transaction stays so (it can no longer be deleted).
      const first = byOrg.get(orgId)!.filter((d) => d.customer.firstInvoicedAt === null);
      await this.customers.recordFirstInvoices(
        orgId,
        first.map((d) => d.invoice.customerId),
        now,
      );
    }
    for (const orgId of orgIds) {
      const group = byOrg.get(orgId)!.map((d) => d.invoice);
      const numbers = await this.numbers.nextRange(orgId, 'invoice', now, group.length);
      group.forEach((invoice, i) => (invoice.number = numbers[i]));
      await this.ledger.postMany(
        orgId,
        group.flatMap((invoice) => finalizedJournal(invoice, now) ?? []),
      );
    }
    await this.invoices.writeMany(this.tx.manager, invoices);
    await this.jobs.enqueueMany(JobName.InvoiceFinalized, invoices.map(eventPayload));
  }

  /**
   * open → void, only without payments or credit notes: gives back the credits it consumed and reverses the
   * finalized journal. Uncollectible invoices stay uncollectible (their write-off is final).
   */
  void(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.transition(orgId, id, ['open'], 'voided', async (invoice) => {
      if (invoice.amountPaid > 0)
        throw conflict(
          InvoicingErrorCode.InvoiceHasPayments,
          `Invoice ${invoice.number} has payments; refund them first.`,
        );
      if (invoice.creditedTotal > 0)
        throw conflict(
          InvoicingErrorCode.InvoiceHasCreditNotes,
          `Invoice ${invoice.number} has credit notes.`,
        );
      await this.credits.restoreForInvoice(orgId, invoice.id);
      await this.post(orgId, voidedJournal(invoice, now));
      Object.assign(invoice, { status: 'void', voidedAt: now, amountRemaining: 0 });
      await this.jobs.enqueue(JobName.InvoiceVoided, eventPayload(invoice));
    });
  }

  /** open → uncollectible: writes off what is still owed (Dr write-offs, Cr receivables). */
  markUncollectible(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.transition(orgId, id, ['open'], 'marked uncollectible', async (invoice) => {
      await this.post(orgId, uncollectibleJournal(invoice, now));
      Object.assign(invoice, { status: 'uncollectible', markedUncollectibleAt: now });
      await this.jobs.enqueue(JobName.InvoiceMarkedUncollectible, eventPayload(invoice));
    });
  }

  /** Records the request and asks notifications to email the invoice (open or paid only). */
  requestSend(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.transition(orgId, id, ['open', 'paid'], 'sent', async (invoice) => {
      invoice.sentAt = now;
      await this.jobs.enqueue(JobName.InvoiceSendRequested, eventPayload(invoice));
    });
  }

  /**
   * Flags open invoices past their due date as overdue, once each, with one `invoice.overdue` event per
   * invoice in the same transaction; batches of 500 with SKIP LOCKED so concurrent runs share the work.
   */
  async markOverdue(now = new Date()): Promise<number> {
    let marked = 0;
    for (;;) {
      const count = await this.tx.run(async (manager) => {
        // An UPDATE through EntityManager.query resolves to [rows, affected].
        const [rows]: [Record<string, unknown>[], number] = await manager.query(
          `UPDATE invoices i SET overdue = true, overdue_at = $1, updated_at = now()
           FROM (SELECT id FROM invoices
                 WHERE status = 'open' AND NOT overdue AND due_at < $1
                 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
           WHERE i.id = due.id AND i.status = 'open' AND NOT i.overdue
           RETURNING i.org_id, i.id, i.customer_id, i.number, i.currency, i.total, i.amount_due`,
          [now, OVERDUE_BATCH],
        );
        for (const row of rows) await this.jobs.enqueue(JobName.InvoiceOverdue, rowEventPayload(row));
        return rows.length;
      });
      marked += count;
      if (count < OVERDUE_BATCH) return marked;
    }
  }

  private transition(
    orgId: string,
    id: string,
    from: InvoiceStatus[],
    verb: string,
    change: (invoice: Invoice) => Promise<void>,
  ): Promise<InvoiceDetailResponse> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, id);
      this.assertStatus(invoice, from, verb);
      await change(invoice);
      await this.invoices.write(manager, invoice);
      return toInvoiceDetail(invoice, await this.invoices.lines(manager, orgId, id));
    });
  }

  private assertStatus(invoice: Invoice, from: InvoiceStatus[], verb: string): void {
    if (!from.includes(invoice.status))
      throw conflict(
        InvoicingErrorCode.InvalidTransition,
        `Invoice ${invoice.id} is ${invoice.status}; only ${from.join(' or ')} invoices can be ${verb}.`,
      );
  }

  private async post(orgId: string, journal: PostJournalInput | null): Promise<void> {
    if (journal) await this.ledger.post(orgId, journal);
  }
}
