import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, TransactionContext } from '@app/core';
import { Invoice, PaymentState } from '../entities/invoice.entity';
import { InvoiceDepositsService } from '../installments/invoice-deposits.service';
import { InvoiceInstallmentsService } from '../installments/invoice-installments.service';
import { InvoicingErrorCode, conflict } from '../invoicing.errors';
import { eventPayload } from '../services/invoice-lifecycle.service';
import { InvoiceRepository } from '../services/invoice.repository';
import { InvoicePaymentsErrorCode, allocationRefused } from './invoice-payments.errors';

export interface InvoicePaymentInput {
  invoiceId: string;
  paymentId: string;
  /** The paying customer and currency: the invoice must be theirs (422 otherwise). */
  customerId: string;
  currency: string;
  /** Positive, minor units. */
  amount: number;
  /** The request field named by a 422 (default `amount`). */
  field?: string;
}

/** What a payment can still settle on an open invoice, read under its row lock. */
export interface PayableInvoice {
  id: string;
  number: string | null;
  amountRemaining: number;
  dueAt: Date | null;
}

/** The invoice after a payment was applied or reversed. */
export interface InvoicePaymentOutcome {
  invoiceId: string;
  number: string | null;
  status: Invoice['status'];
  paymentState: PaymentState;
  amountPaid: number;
  amountRemaining: number;
}

const paymentStateOf = (invoice: Invoice): PaymentState =>
  invoice.amountRemaining === 0 ? 'paid' : invoice.amountPaid > 0 ? 'partially_paid' : 'unpaid';

const outcomeOf = (invoice: Invoice): InvoicePaymentOutcome => ({
  invoiceId: invoice.id,
  number: invoice.number,
  status: invoice.status,
  paymentState: invoice.paymentState,
  amountPaid: invoice.amountPaid,
  amountRemaining: invoice.amountRemaining,
});

/**
 * The invoicing side of payments (docs/payments.md): applies and reverses the amounts payments allocate to
 * invoices, under each invoice's row lock, in the caller's transaction. The ledger journals of a payment are
 * the payments domain's; this service only keeps the invoice's amounts and status right and emits
 * `invoice.paid`.
 */
@Injectable()
export class InvoicePaymentsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly invoices: InvoiceRepository,
    private readonly installments: InvoiceInstallmentsService,
    private readonly deposits: InvoiceDepositsService,
  ) {}

  /**
   * Settles `amount` of an open invoice. A void, uncollectible or draft invoice is a 409; more than what
   * remains (nothing remains on a paid one) is a 422 `allocation_exceeds_remaining`. When nothing remains
   * the invoice becomes `paid` (no longer overdue) and `invoice.paid` is emitted. The amount fills the
   * invoice's installments in sequence order; a paid deposit invoice settles its deposit.
   */
  applyPayment(orgId: string, input: InvoicePaymentInput): Promise<InvoicePaymentOutcome> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, input.invoiceId);
      const field = input.field ?? 'amount';
      if (!['open', 'paid'].includes(invoice.status))
        throw conflict(
          InvoicingErrorCode.InvalidTransition,
          `Invoice ${invoice.id} is ${invoice.status}; only open invoices can be paid (payment ${input.paymentId}).`,
        );
      if (invoice.customerId !== input.customerId || invoice.currency !== input.currency)
        throw allocationRefused(
          InvoicePaymentsErrorCode.AllocationInvoiceMismatch,
          field,
          `invoice ${invoice.number} is not the paying customer's in ${input.currency}`,
        );
      if (input.amount > invoice.amountRemaining)
        throw allocationRefused(
          InvoicePaymentsErrorCode.AllocationExceedsRemaining,
          field,
          `${input.amount} is more than the ${invoice.amountRemaining} remaining on invoice ${invoice.number}`,
        );
      invoice.amountPaid += input.amount;
      invoice.amountRemaining -= input.amount;
      invoice.paymentState = paymentStateOf(invoice);
      await this.installments.applyPayment(manager, invoice, input.amount);
      if (invoice.amountRemaining === 0)
        Object.assign(invoice, { status: 'paid', overdue: false, overdueAt: null });
      await this.invoices.write(manager, invoice);
      if (invoice.status === 'paid') {
        await this.jobs.enqueue(JobName.InvoicePaid, eventPayload(invoice));
        await this.deposits.onInvoicePaid(invoice);
      }
      return outcomeOf(invoice);
    });
  }

  /**
   * Gives back `amount` a payment had settled (a bounced check): paid → open, amounts restored. Only open
   * or paid invoices (409 otherwise: a written-off invoice keeps its write-off). Emits no invoice event.
   * The latest paid installments give the amount back first.
   */
  reversePayment(orgId: string, input: InvoicePaymentInput): Promise<InvoicePaymentOutcome> {
    return this.tx.run(async (manager) => {
      const invoice = await this.invoices.lock(manager, orgId, input.invoiceId);
      if (!['open', 'paid'].includes(invoice.status) || invoice.amountPaid < input.amount)
        throw conflict(
          InvoicingErrorCode.InvalidTransition,
          `Invoice ${invoice.number} is ${invoice.status} with ${invoice.amountPaid} paid; payment ${input.paymentId} cannot be reversed on it.`,
        );
      invoice.amountPaid -= input.amount;
      invoice.amountRemaining += input.amount;
      invoice.paymentState = paymentStateOf(invoice);
      invoice.status = 'open';
      await this.installments.reversePayment(manager, invoice, input.amount);
      await this.invoices.write(manager, invoice);
      return outcomeOf(invoice);
    });
  }

  /**
   * The customer's open invoices in `currency` with something remaining, locked (in id order, so concurrent
   * payments never deadlock) and returned oldest due date first: what an unallocated payment pays.
   */
  lockPayableInvoices(orgId: string, customerId: string, currency: string): Promise<PayableInvoice[]> {
    return this.tx.run(async (manager) => {
      const rows = await manager
        .createQueryBuilder(Invoice, 'i')
        .where('i.org_id = :orgId AND i.customer_id = :customerId AND i.currency = :currency', {
          orgId,
          customerId,
          currency,
        })
        .andWhere(`i.status = 'open' AND i.amount_remaining > 0`)
        .orderBy('i.id')
        .setLock('pessimistic_write')
        .getMany();
      return rows
        .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || a.id.localeCompare(b.id))
        .map((i) => ({ id: i.id, number: i.number, amountRemaining: i.amountRemaining, dueAt: i.dueAt }));
    });
  }
}
