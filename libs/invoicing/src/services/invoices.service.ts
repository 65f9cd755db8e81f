import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AppError,
  InvoiceEventPayload,
  JobName,
  JobQueue,
  Page,
  TransactionContext,
  paginateById,
} from '@app/core';
import { CustomerResponse, CustomersService } from '@app/customers';
import { InvoiceQuery, UpdateInvoiceDto, UpdateInvoiceLineDto } from '../dto/invoice.dto';
import { InvoiceDetailResponse, InvoiceResponse } from '../dto/invoice.response';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLine, InvoiceLineKind } from '../entities/invoice-line.entity';
import { InvoicingError, InvoicingErrorCode, invoiceLineNotFound } from '../invoicing.errors';
import { HeldDraft, InvoiceLifecycleService, eventPayload } from './invoice-lifecycle.service';
import { InvoicePricingService } from './invoice-pricing.service';
import { InvoiceRepository } from './invoice.repository';
import { assertCustomerCurrency, assertDraft } from './invoice-rules';
import { lineAmount } from './line-amounts';
import { toInvoiceDetail, toInvoiceResponse } from './invoice-mapper';

/** A line for a draft. Decimal strings as in docs/pricing.md; `amount` in minor units. */
export interface NewInvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  quantity: string;
  /** Major units, decimal string. */
  unitAmount: string;
  /** Minor units; quantity × unitAmount rounded half-up when omitted. */
  amount?: number;
  periodStart?: Date | string | null;
  periodEnd?: Date | string | null;
  taxRateIds?: string[] | null;
  chargeId?: string | null;
  metricCode?: string | null;
  discountable?: boolean;
  metadata?: Record<string, unknown>;
}

export interface CreateDraftInput {
  customerId: string;
  currency?: string;
  subscriptionId?: string | null;
  /** The subscription period boundary billed; unique per (org, subscription). */
  billingBoundary?: Date | string | null;
  periodStart?: Date | string | null;
  periodEnd?: Date | string | null;
  memo?: string | null;
  paymentTermsDays?: number | null;
  lines: NewInvoiceLine[];
}

/** A billing batch's invoice between its preparation and the batch's completion. */
export interface PreparedInvoice {
  draft: HeldDraft;
  /** The `invoice.created` payload as of the draft's insertion. */
  created: InvoiceEventPayload;
}

/** A customer as invoicing reads it, once per transaction (a billing batch preloads its customers). */
const customerKey = (orgId: string, customerId: string): string =>
  `invoicing-customer:${orgId}:${customerId}`;

const instant = (value: Date | string | null | undefined): Date | null =>
  value === undefined || value === null ? null : new Date(value);

/** A 404 of another domain for an id given in the body is a 422 naming the field. */
async function referenced<T>(field: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      throw new InvoicingError(422, error.code as InvoicingErrorCode, error.detail, [
        { field, message: error.detail },
      ]);
    throw error;
  }
}

/**
 * Draft invoices and reads. Every method takes the org id first; another organisation's invoice is a 404.
 * Drafts are re-priced (taxes, coupons) on every change; only drafts change (409 `invoice_not_draft`).
 * Transitions are delegated to InvoiceLifecycleService.
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly customers: CustomersService,
    private readonly pricing: InvoicePricingService,
    private readonly invoices: InvoiceRepository,
    private readonly lifecycle: InvoiceLifecycleService,
    private readonly jobs: JobQueue,
  ) {}

  async createDraft(orgId: string, input: CreateDraftInput): Promise<InvoiceDetailResponse> {
    return this.tx.run(async () => {
      const { invoice } = await this.insertDraft(orgId, input, 'priced');
      return this.get(orgId, invoice.id);
    });
  }

  /** A draft finalized in the same transaction (the billing run without a grace period): priced once. */
  async createFinalized(
    orgId: string,
    input: CreateDraftInput,
    now = new Date(),
  ): Promise<InvoiceDetailResponse> {
    return this.tx.run(async () =>
      this.lifecycle.finalizeHeld(await this.insertDraft(orgId, input, 'provisional'), now),
    );
  }

  /**
   * For a billing batch: inserts the draft as `createFinalized` does and prepares its finalization; the
   * number, ledger, invoice row and events come later for the whole batch at once (`completeBatch`), so a
   * cycle rolled back to its savepoint before then burns no number.
   */
  async insertPrepared(orgId: string, input: CreateDraftInput, now: Date): Promise<PreparedInvoice> {
    const draft = await this.writeDraft(orgId, input, 'provisional');
    const created = eventPayload(draft.invoice);
    await this.lifecycle.prepareFinalization(draft, now);
    return { draft, created };
  }

  /** Finalizes a batch's prepared invoices: `invoice.created`, numbers, ledger, rows, `invoice.finalized`. */
  async completeBatch(prepared: PreparedInvoice[], now: Date): Promise<void> {
    if (prepared.length === 0) return;
    await this.jobs.enqueueMany(
      JobName.InvoiceCreated,
      prepared.map((p) => p.created),
    );
    await this.lifecycle.completeFinalizations(
      prepared.map((p) => p.draft),
      now,
    );
  }

  /** Reads a billing batch's customers in one statement, for the rest of the transaction; the ones found. */
  async preloadCustomers(orgId: string, customerIds: readonly string[]): Promise<CustomerResponse[]> {
    const customers = await this.customers.getMany(orgId, customerIds);
    for (const customer of customers)
      await this.tx.memo(customerKey(orgId, customer.id), () => Promise.resolve(customer));
    return customers;
  }

  private async insertDraft(
    orgId: string,
    input: CreateDraftInput,
    pricing: 'priced' | 'provisional',
  ): Promise<HeldDraft> {
    const draft = await this.writeDraft(orgId, input, pricing);
    await this.jobs.enqueue(JobName.InvoiceCreated, eventPayload(draft.invoice));
    return draft;
  }

  private async writeDraft(
    orgId: string,
    input: CreateDraftInput,
    pricing: 'priced' | 'provisional',
  ): Promise<HeldDraft> {
    const customer = await referenced('customerId', () =>
      this.tx.memo(customerKey(orgId, input.customerId), () => this.customers.get(orgId, input.customerId)),
    );
    const currency = input.currency ?? customer.currency;
    assertCustomerCurrency(customer, currency);
    const manager = this.tx.manager;
    const invoice = manager.create(Invoice, {
      orgId,
      customerId: customer.id,
      subscriptionId: input.subscriptionId ?? null,
      billingBoundary: instant(input.billingBoundary),
      periodStart: instant(input.periodStart),
      periodEnd: instant(input.periodEnd),
      currency,
      status: 'draft',
      paymentState: 'unpaid',
      overdue: false,
      paymentTermsDays: input.paymentTermsDays ?? null,
      memo: input.memo ?? null,
      creditsApplied: 0,
      amountPaid: 0,
      creditedTotal: 0,
    });
    const lines = input.lines.map((line, index) =>
      this.newLine(orgId, invoice, line, index + 1, `lines.${index}.`),
    );
    if (pricing === 'priced') await this.pricing.price(orgId, invoice, lines);
    else this.pricing.priceProvisionally(invoice, lines);
    // A second invoice for the same subscription boundary violates invoices_subscription_boundary_key: 409.
    await manager.insert(Invoice, invoice);
    if (lines.length > 0) await manager.insert(InvoiceLine, lines);
    return { invoice, lines, customer };
  }

  addLine(orgId: string, id: string, line: NewInvoiceLine): Promise<InvoiceDetailResponse> {
    return this.editDraft(orgId, id, async (manager, invoice, lines) => {
      const position = lines.reduce((max, l) => Math.max(max, l.position), 0) + 1;
      const added = this.newLine(orgId, invoice, line, position, '');
      await manager.insert(InvoiceLine, added);
      lines.push(added);
    });
  }

  updateLine(
    orgId: string,
    id: string,
    lineId: string,
    patch: UpdateInvoiceLineDto,
  ): Promise<InvoiceDetailResponse> {
    return this.editDraft(orgId, id, async (manager, invoice, lines) => {
      const line = lines.find((l) => l.id === lineId);
      if (!line) throw invoiceLineNotFound(lineId);
      const next = {
        kind: line.kind,
        quantity: patch.quantity ?? line.quantity,
        unitAmount: patch.unitAmount ?? line.unitAmount,
        amount: patch.amount === undefined ? undefined : patch.amount,
      };
      if (next.amount === undefined && patch.quantity === undefined && patch.unitAmount === undefined)
        next.amount = line.amount;
      line.amount = lineAmount(next, invoice.currency);
      line.quantity = next.quantity;
      line.unitAmount = next.unitAmount;
      if (patch.description !== undefined) line.description = patch.description;
      if (patch.taxRateIds !== undefined) line.taxRateIds = patch.taxRateIds;
      if (patch.discountable !== undefined) line.discountable = patch.discountable;
      if (patch.metadata !== undefined) line.metadata = patch.metadata;
      await manager.save(line);
    });
  }

  removeLine(orgId: string, id: string, lineId: string): Promise<InvoiceDetailResponse> {
    return this.editDraft(orgId, id, async (manager, _invoice, lines) => {
      const index = lines.findIndex((l) => l.id === lineId);
      if (index < 0) throw invoiceLineNotFound(lineId);
      await manager.delete(InvoiceLine, { orgId, id: lineId });
      lines.splice(index, 1);
    });
  }

  /** Memo and per-invoice payment terms, draft only. */
  update(orgId: string, id: string, patch: UpdateInvoiceDto): Promise<InvoiceDetailResponse> {
    return this.editDraft(orgId, id, async (_manager, invoice) => {
      if (patch.memo !== undefined) invoice.memo = patch.memo;
      if (patch.paymentTermsDays !== undefined) invoice.paymentTermsDays = patch.paymentTermsDays;
    });
  }

  async deleteDraft(orgId: string, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, id);
      assertDraft(invoice);
      await manager.delete(Invoice, { orgId, id });
    });
  }

  /** draft → open (or paid when nothing is due), numbered, credits applied, ledger posted. See the lifecycle. */
  finalize(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.lifecycle.finalize(orgId, id, now);
  }

  void(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.lifecycle.void(orgId, id, now);
  }

  markUncollectible(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.lifecycle.markUncollectible(orgId, id, now);
  }

  requestSend(orgId: string, id: string, now = new Date()): Promise<InvoiceDetailResponse> {
    return this.lifecycle.requestSend(orgId, id, now);
  }

  /** The invoice with its lines, or a 404 (also for another organisation's). */
  async get(orgId: string, id: string): Promise<InvoiceDetailResponse> {
    const manager = this.tx.manager;
    const invoice = await this.invoices.find(manager, orgId, id);
    return toInvoiceDetail(invoice, await this.invoices.lines(manager, orgId, id));
  }

  /** Newest first; filters combine with AND. */
  async list(orgId: string, query: InvoiceQuery): Promise<Page<InvoiceResponse>> {
    const qb = this.tx.manager.createQueryBuilder(Invoice, 'i').where('i.org_id = :orgId', { orgId });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.paymentState)
      qb.andWhere('i.payment_state = :paymentState', { paymentState: query.paymentState });
    if (query.customerId) qb.andWhere('i.customer_id = :customerId', { customerId: query.customerId });
    if (query.subscriptionId)
      qb.andWhere('i.subscription_id = :subscriptionId', { subscriptionId: query.subscriptionId });
    if (query.overdue) qb.andWhere('i.overdue = :overdue', { overdue: query.overdue === 'true' });
    if (query.number) qb.andWhere('i.number = :number', { number: query.number });
    if (query.createdFrom) qb.andWhere('i.created_at >= :createdFrom', { createdFrom: query.createdFrom });
    if (query.createdTo) qb.andWhere('i.created_at < :createdTo', { createdTo: query.createdTo });
    if (query.dueFrom) qb.andWhere('i.due_at >= :dueFrom', { dueFrom: query.dueFrom });
    if (query.dueTo) qb.andWhere('i.due_at < :dueTo', { dueTo: query.dueTo });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toInvoiceResponse) };
  }

  /**
   * Across organisations (for the due-date reminders): open invoices not yet overdue with something left to
   * pay, due in (from, to]. In batches by id: pass the last id of the previous batch as `afterId`.
   */
  async openComingDue(
    from: Date,
    to: Date,
    afterId: string | null,
    limit: number,
  ): Promise<{ orgId: string; id: string; dueAt: Date }[]> {
    const rows: { org_id: string; id: string; due_at: Date }[] = await this.tx.manager.query(
      `SELECT org_id, id, due_at FROM invoices
       WHERE status = 'open' AND NOT overdue AND amount_remaining > 0 AND due_at > $1 AND due_at <= $2
         AND ($3::uuid IS NULL OR id > $3)
       ORDER BY id LIMIT $4`,
      [from, to, afterId, limit],
    );
    return rows.map((row) => ({ orgId: row.org_id, id: row.id, dueAt: row.due_at }));
  }

  /** Σ amount_remaining of the customer's open invoices in `currency` (equals its receivables balance). */
  async openReceivables(orgId: string, customerId: string, currency: string): Promise<number> {
    const rows: { sum: string }[] = await this.tx.manager.query(
      `SELECT coalesce(sum(amount_remaining), 0) AS sum FROM invoices
       WHERE org_id = $1 AND customer_id = $2 AND currency = $3 AND status = 'open'`,
      [orgId, customerId, currency],
    );
    return Number(rows[0].sum);
  }

  /** Locks a draft, applies `change` to it and its lines, re-prices and saves; all in one transaction. */
  private editDraft(
    orgId: string,
    id: string,
    change: (manager: EntityManager, invoice: Invoice, lines: InvoiceLine[]) => Promise<void>,
  ): Promise<InvoiceDetailResponse> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, id);
      assertDraft(invoice);
      const lines = await this.invoices.lines(manager, orgId, id);
      await change(manager, invoice, lines);
      await this.pricing.price(orgId, invoice, lines);
      await this.pricing.saveLineAmounts(manager, orgId, lines);
      await manager.save(invoice);
      return toInvoiceDetail(invoice, lines);
    });
  }

  private newLine(
    orgId: string,
    invoice: Invoice,
    line: NewInvoiceLine,
    position: number,
    path: string,
  ): InvoiceLine {
    return this.tx.manager.create(InvoiceLine, {
      orgId,
      invoiceId: invoice.id,
      position,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: lineAmount(line, invoice.currency, path),
      discountAmount: 0,
      taxAmount: 0,
      total: 0,
      taxes: [],
      discounts: [],
      taxRateIds: line.taxRateIds ?? null,
      chargeId: line.chargeId ?? null,
      metricCode: line.metricCode ?? null,
      periodStart: instant(line.periodStart),
      periodEnd: instant(line.periodEnd),
      metadata: line.metadata ?? {},
      discountable: line.discountable ?? true,
    });
  }
}
