import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobQueue, newId } from '@app/core';
import { CreditsService } from '@app/credits';
import { InvoicePaymentsService } from '@app/invoicing';
import { LedgerAccount, LedgerService } from '@app/ledger';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { allocationJournal } from '../payment-journals';
import { PlannedAllocation, automaticPlan } from './allocation-plan';

export const memoOf = (payment: Payment): string =>
  `${payment.method} payment${payment.reference ? ` ${payment.reference}` : ''}`;

/**
 * What receiving money does, whoever received it (an offline payment, a Stripe charge): the amounts settle
 * invoices (under their row locks, with the allocation journals), the rest becomes customer credit, and
 * `payment.succeeded` is emitted, all in the caller's transaction.
 */
@Injectable()
export class PaymentSettlementService {
  constructor(
    private readonly jobs: JobQueue,
    private readonly credits: CreditsService,
    private readonly invoicePayments: InvoicePaymentsService,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * A succeeded payment is received: `plan` settles invoices, the rest becomes credit, `payment.succeeded`
   * is emitted. Sets `amountAllocated`, `amountCredited` and `creditGrantId`; the caller saves the payment.
   */
  async receive(
    manager: EntityManager,
    payment: Payment,
    plan: PlannedAllocation[],
    grantedBy: string | null,
    now: Date,
  ): Promise<void> {
    payment.amountAllocated = await this.settle(manager, payment, plan, now);
    await this.creditRest(payment, payment.amount - payment.amountAllocated, grantedBy, now);
    await this.jobs.enqueue(JobName.PaymentSucceeded, {
      orgId: payment.orgId,
      paymentId: payment.id,
      customerId: payment.customerId,
      amount: payment.amount,
      currency: payment.currency,
      invoiceIds: plan.map((a) => a.invoiceId),
    });
  }

  /**
   * A charge of one invoice succeeded: it settles what still remains on the invoice (nothing when the invoice
   * was paid, voided or written off meanwhile), and the rest becomes customer credit rather than being lost.
   */
  async receiveForInvoice(
    manager: EntityManager,
    payment: Payment,
    invoiceId: string,
    now: Date,
  ): Promise<void> {
    const payable = await this.invoicePayments.lockPayableInvoices(
      payment.orgId,
      payment.customerId,
      payment.currency,
    );
    const plan = automaticPlan(
      payable.filter((i) => i.id === invoiceId),
      payment.amount,
    );
    await this.receive(manager, payment, plan, null, now);
  }

  /**
   * Applies each planned amount to its invoice (in invoice id order, the lock order every payment uses),
   * records the allocation and posts it. Returns the total allocated.
   */
  async settle(
    manager: EntityManager,
    payment: Payment,
    plan: PlannedAllocation[],
    now: Date,
  ): Promise<number> {
    let total = 0;
    for (const planned of [...plan].sort((a, b) => a.invoiceId.localeCompare(b.invoiceId))) {
      await this.invoicePayments.applyPayment(payment.orgId, {
        invoiceId: planned.invoiceId,
        paymentId: payment.id,
        customerId: payment.customerId,
        currency: payment.currency,
        amount: planned.amount,
        field: planned.field,
      });
      const allocation = manager.create(PaymentAllocation, {
        id: newId(),
        orgId: payment.orgId,
        paymentId: payment.id,
        invoiceId: planned.invoiceId,
        customerId: payment.customerId,
        amount: planned.amount,
        currency: payment.currency,
        reversedAt: null,
      });
      await manager.insert(PaymentAllocation, allocation);
      await this.ledger.post(payment.orgId, allocationJournal(allocation, now, memoOf(payment)));
      total += planned.amount;
    }
    return total;
  }

  /**
   * Turns `amount` into customer credit: a `purchased` grant funded from cash clearing (the customer's own
   * money), source `overpayment`, no expiry. The grant posts its own journal.
   */
  async creditRest(payment: Payment, amount: number, grantedBy: string | null, now: Date): Promise<void> {
    payment.amountCredited = amount;
    if (amount === 0) return;
    const { grantId } = await this.credits.grant(
      payment.orgId,
      {
        customerId: payment.customerId,
        currency: payment.currency,
        amount,
        type: 'purchased',
        source: 'overpayment',
        sourceId: payment.id,
        description: `Unallocated ${memoOf(payment)}`,
        grantedBy,
        fundingAccount: LedgerAccount.CashClearing,
      },
      now,
    );
    payment.creditGrantId = grantId;
  }
}
