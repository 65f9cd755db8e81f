import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobQueue, TransactionContext, isUuid } from '@app/core';
import { Invoice } from '../entities/invoice.entity';
import { rowEventPayload } from '../services/invoice-row-event';
import { InvoiceRepository } from '../services/invoice.repository';
import { CreateInstallmentPlanDto } from './dto/installments.dto';
import { InstallmentPlanResponse, InstallmentResponse } from './dto/installments.response';
import { InvoiceInstallment } from './invoice-installment.entity';
import { PlannedInstallment, refit, splitEvenly } from './installment-split';
import { InstallmentsErrorCode, installmentNotFound, invalidPlan, planConflict } from './installments.errors';

const DAY_MS = 86_400_000;
const OVERDUE_BATCH = 500;

/** An open installment due for collection, with what the collection job needs to decide. */
export interface DueInstallment {
  orgId: string;
  invoiceId: string;
  installmentId: string;
  customerId: string;
}

const remaining = (i: InvoiceInstallment): number => i.amount - i.amountPaid;

const toResponse = (i: InvoiceInstallment): InstallmentResponse => ({
  id: i.id,
  invoiceId: i.invoiceId,
  sequence: i.sequence,
  dueAt: i.dueAt,
  amount: i.amount,
  amountPaid: i.amountPaid,
  amountRemaining: remaining(i),
  status: i.status,
  overdue: i.overdue,
  overdueAt: i.overdueAt,
});

/** What a new plan must sum to: a draft's current total, or all an open invoice still owes. */
const planTotal = (invoice: Invoice): number =>
  invoice.status === 'draft' ? invoice.total : invoice.amountRemaining;

/**
 * Installment plans (docs/payments-installments-deposits.md): an invoice split into dated parts that sum
 * exactly to what it owes, each paid (in sequence order, under the invoice's row lock), collected and
 * flagged overdue on its own. Every method joins the caller's transaction.
 */
@Injectable()
export class InvoiceInstallmentsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly invoices: InvoiceRepository,
  ) {}

  /**
   * Sets the plan of a draft or of an open invoice nothing was paid on yet (409 otherwise, or when it has
   * one). An open invoice is then due when its last installment is.
   */
  create(
    orgId: string,
    invoiceId: string,
    input: CreateInstallmentPlanDto,
  ): Promise<InstallmentPlanResponse> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, invoiceId);
      const open = invoice.status === 'open' && invoice.amountPaid === 0;
      if (invoice.status !== 'draft' && !open)
        throw planConflict(
          InstallmentsErrorCode.PlanNotAllowed,
          `Invoice ${invoice.id} is ${invoice.status} with ${invoice.amountPaid} paid; only drafts and open invoices without payments take a plan.`,
        );
      if (await manager.exists(InvoiceInstallment, { where: { orgId, invoiceId } }))
        throw planConflict(
          InstallmentsErrorCode.PlanExists,
          `Invoice ${invoice.id} already has an installment plan; delete it first.`,
        );
      const planned = this.plannedParts(input, planTotal(invoice));
      const rows = planned.map((part, index) =>
        manager.create(InvoiceInstallment, {
          orgId,
          invoiceId,
          sequence: index + 1,
          dueAt: part.dueAt,
          amount: part.amount,
          amountPaid: 0,
          status: 'open',
          overdue: false,
          overdueAt: null,
        }),
      );
      await manager.insert(InvoiceInstallment, rows);
      if (invoice.status === 'open') {
        invoice.dueAt = rows[rows.length - 1].dueAt;
        await this.invoices.write(manager, invoice);
      }
      return this.planOf(invoice, rows);
    });
  }

  async list(orgId: string, invoiceId: string): Promise<InstallmentPlanResponse> {
    const invoice = await this.invoices.find(this.tx.manager, orgId, invoiceId);
    return this.planOf(invoice, await this.rows(this.tx.manager, orgId, invoiceId));
  }

  /** Removes the plan while nothing was paid on it; an open invoice is due again on its payment terms. */
  delete(orgId: string, invoiceId: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, invoiceId);
      const rows = await this.rows(manager, orgId, invoiceId);
      if (rows.length === 0) throw installmentNotFound(`plan of invoice ${invoiceId}`);
      if (invoice.status !== 'draft' && (invoice.status !== 'open' || rows.some((r) => r.amountPaid > 0)))
        throw planConflict(
          InstallmentsErrorCode.PlanHasPayments,
          `Invoice ${invoice.id} is ${invoice.status} and its plan has payments; it cannot be removed.`,
        );
      await manager.delete(InvoiceInstallment, { orgId, invoiceId });
      if (invoice.status === 'open') {
        invoice.dueAt = new Date(invoice.issuedAt!.getTime() + (invoice.paymentTermsDays ?? 0) * DAY_MS);
        await this.invoices.write(manager, invoice);
      }
    });
  }

  /**
   * What a charge should collect now. With an installment: what remains on it (404 when it is not the
   * invoice's). Without: for an invoice with a plan, what remains on the installments due by `now`; else what
   * remains on the invoice. Never more than the invoice still owes (a credit note may have reduced it).
   */
  async collectableAmount(
    orgId: string,
    invoiceId: string,
    installmentId?: string,
    now = new Date(),
  ): Promise<number> {
    const manager = this.tx.manager;
    const invoice = await this.invoices.find(manager, orgId, invoiceId);
    if (installmentId !== undefined) {
      const row = isUuid(installmentId)
        ? await manager.findOne(InvoiceInstallment, { where: { orgId, invoiceId, id: installmentId } })
        : null;
      if (!row) throw installmentNotFound(installmentId);
      return Math.min(remaining(row), invoice.amountRemaining);
    }
    const rows = await this.rows(manager, orgId, invoiceId);
    if (rows.length === 0) return invoice.amountRemaining;
    const due = rows.filter((r) => r.dueAt <= now).reduce((sum, r) => sum + remaining(r), 0);
    return Math.min(due, invoice.amountRemaining);
  }

  /**
   * Spreads a payment over the plan of an invoice the caller holds locked: installments filled in sequence
   * order, each paid (and no longer overdue) when full; the invoice stays overdue only while an installment
   * is. No-op without a plan.
   */
  async applyPayment(manager: EntityManager, invoice: Invoice, amount: number): Promise<void> {
    const rows = await this.rows(manager, invoice.orgId, invoice.id);
    let left = amount;
    for (const row of rows) {
      const take = Math.min(left, remaining(row));
      if (take === 0) continue;
      row.amountPaid += take;
      if (remaining(row) === 0) Object.assign(row, { status: 'paid', overdue: false, overdueAt: null });
      left -= take;
    }
    await this.saveAndFlagInvoice(manager, invoice, rows);
  }

  /** Takes a reversed payment back from the latest paid installments first. No-op without a plan. */
  async reversePayment(manager: EntityManager, invoice: Invoice, amount: number): Promise<void> {
    const rows = await this.rows(manager, invoice.orgId, invoice.id);
    let left = amount;
    for (const row of [...rows].reverse()) {
      const take = Math.min(left, row.amountPaid);
      if (take === 0) continue;
      row.amountPaid -= take;
      row.status = 'open';
      left -= take;
    }
    await this.saveAndFlagInvoice(manager, invoice, rows);
  }

  /**
   * After a draft with a plan was finalized (invoice locked by the caller): the plan is scaled to what the
   * invoice now owes (re-pricing, credits), keeping its dates and proportions; the invoice is due when the
   * last installment is. A plan of an invoice finalized as paid (credits covered it) is paid in full.
   */
  async fitToFinalized(manager: EntityManager, invoice: Invoice): Promise<void> {
    const rows = await this.rows(manager, invoice.orgId, invoice.id);
    if (rows.length === 0) return;
    const amounts = refit(
      rows.map((r) => r.amount),
      invoice.amountDue,
    );
    rows.forEach((row, index) => {
      row.amount = amounts[index];
      row.amountPaid = invoice.amountRemaining === 0 ? row.amount : 0;
      row.status = row.amountPaid === row.amount ? 'paid' : 'open';
    });
    await manager.save(rows);
    invoice.dueAt = rows[rows.length - 1].dueAt;
    await this.invoices.write(manager, invoice);
  }

  /**
   * Flags each open installment of an open invoice past its due date as overdue, and its invoice with it
   * (one `invoice.overdue` when the invoice becomes overdue). Invoices are locked first, in id order, with
   * SKIP LOCKED (the lock order payments use), so concurrent runs and payments neither wait nor deadlock.
   */
  async markOverdue(now = new Date()): Promise<number> {
    let marked = 0;
    for (;;) {
      const count = await this.tx.run(async (manager) => {
        const invoices: { id: string }[] = await manager.query(
          `SELECT i.id FROM invoices i
           WHERE i.status = 'open' AND EXISTS (
             SELECT 1 FROM invoice_installments s
             WHERE s.invoice_id = i.id AND s.status = 'open' AND NOT s.overdue AND s.due_at < $1)
           ORDER BY i.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, OVERDUE_BATCH],
        );
        const ids = invoices.map((i) => i.id);
        if (ids.length === 0) return 0;
        const [, installments]: [unknown, number] = await manager.query(
          `UPDATE invoice_installments SET overdue = true, overdue_at = $1, updated_at = now()
           WHERE invoice_id = ANY($2) AND status = 'open' AND NOT overdue AND due_at < $1`,
          [now, ids],
        );
        const [flagged]: [Record<string, unknown>[], number] = await manager.query(
          `UPDATE invoices SET overdue = true, overdue_at = $1, updated_at = now()
           WHERE id = ANY($2) AND NOT overdue
           RETURNING org_id, id, customer_id, number, currency, total, amount_due`,
          [now, ids],
        );
        for (const row of flagged) await this.jobs.enqueue(JobName.InvoiceOverdue, rowEventPayload(row));
        marked += installments;
        return ids.length;
      });
      if (count < OVERDUE_BATCH) return marked;
    }
  }

  /** Open installments due by `now` on open invoices, in id order after `afterId` (keyset pages). */
  async dueForCollection(now: Date, afterId: string | null, limit: number): Promise<DueInstallment[]> {
    const rows: { org_id: string; invoice_id: string; id: string; customer_id: string }[] =
      await this.tx.manager.query(
        `SELECT s.org_id, s.invoice_id, s.id, i.customer_id
         FROM invoice_installments s JOIN invoices i ON i.id = s.invoice_id
         WHERE s.status = 'open' AND s.due_at <= $1 AND i.status = 'open' AND ($2::uuid IS NULL OR s.id > $2)
         ORDER BY s.id LIMIT $3`,
        [now, afterId, limit],
      );
    return rows.map((r) => ({
      orgId: r.org_id,
      invoiceId: r.invoice_id,
      installmentId: r.id,
      customerId: r.customer_id,
    }));
  }

  private plannedParts(input: CreateInstallmentPlanDto, total: number): PlannedInstallment[] {
    if (input.installments !== undefined && input.count !== undefined)
      throw invalidPlan(
        InstallmentsErrorCode.InvalidInstallments,
        'installments',
        'give either installments or count, firstDueAt and intervalDays, not both',
      );
    if (input.installments === undefined) {
      if (input.count! > total)
        throw invalidPlan(
          InstallmentsErrorCode.InvalidInstallments,
          'count',
          `${total} minor units cannot be split into ${input.count} non-zero parts`,
        );
      return splitEvenly(total, input.count!, new Date(input.firstDueAt!), input.intervalDays!);
    }
    const parts = input.installments.map((i) => ({ dueAt: new Date(i.dueAt), amount: i.amount }));
    parts.forEach((part, index) => {
      if (index > 0 && part.dueAt <= parts[index - 1].dueAt)
        throw invalidPlan(
          InstallmentsErrorCode.InvalidInstallments,
          `installments.${index}.dueAt`,
          'must be later than the previous installment',
        );
    });
    const sum = parts.reduce((a, p) => a + p.amount, 0);
    if (sum !== total)
      throw invalidPlan(
        InstallmentsErrorCode.SumMismatch,
        'installments',
        `the amounts sum to ${sum}, the plan must cover exactly ${total}`,
      );
    return parts;
  }

  private async saveAndFlagInvoice(
    manager: EntityManager,
    invoice: Invoice,
    rows: InvoiceInstallment[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.save(rows);
    if (invoice.overdue && !rows.some((r) => r.status === 'open' && r.overdue))
      Object.assign(invoice, { overdue: false, overdueAt: null });
  }

  private rows(manager: EntityManager, orgId: string, invoiceId: string): Promise<InvoiceInstallment[]> {
    return manager.find(InvoiceInstallment, { where: { orgId, invoiceId }, order: { sequence: 'ASC' } });
  }

  private planOf(invoice: Invoice, rows: InvoiceInstallment[]): InstallmentPlanResponse {
    return {
      invoiceId: invoice.id,
      currency: invoice.currency,
      total: rows.reduce((sum, r) => sum + r.amount, 0),
      data: rows.map(toResponse),
    };
  }
}
