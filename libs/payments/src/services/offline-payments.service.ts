import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { JobName, JobQueue, TransactionContext, isUuid, newId } from '@app/core';
import { CreditReadsService, CreditsService } from '@app/credits';
import { CustomersService } from '@app/customers';
import { InvoicePaymentsService } from '@app/invoicing';
import { LedgerService } from '@app/ledger';
import { PaymentAllocationDto, RecordPaymentDto } from '../dto/payment.dto';
import { PaymentDetailResponse } from '../dto/payment.response';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { allocationReversalJournal } from '../payment-journals';
import { PaymentsErrorCode, invalidField, paymentConflict, paymentNotFound } from '../payments.errors';
import { REVERSED_FAILURE_CODE } from '../payments.types';
import { PlannedAllocation, automaticPlan, explicitPlan, isPositiveAmount } from './allocation-plan';
import { PaymentReadsService } from './payment-reads.service';
import { PaymentSettlementService, memoOf } from './payment-settlement.service';

const DAY_MS = 86_400_000;

export interface RecordPaymentInput extends RecordPaymentDto {
  /** The user or API key recording it (becomes the credit grant's `grantedBy`). */
  recordedBy?: string | null;
}

/**
 * Offline (manual) payments: recorded, allocated to invoices, their unallocated rest turned into customer
 * credit, reversed when a check bounces. Each operation is one transaction: the payment, the invoices it
 * settles (under their row locks), the ledger journals and the domain events commit together or not at all.
 */
@Injectable()
export class OfflinePaymentsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly customers: CustomersService,
    private readonly credits: CreditsService,
    private readonly creditReads: CreditReadsService,
    private readonly invoicePayments: InvoicePaymentsService,
    private readonly ledger: LedgerService,
    private readonly reads: PaymentReadsService,
    private readonly settlement: PaymentSettlementService,
  ) {}

  /**
   * Records a succeeded manual payment and allocates it: to the given invoices, or to the customer's open
   * invoices oldest due date first. The rest becomes customer credit. Emits `payment.succeeded`.
   */
  async record(orgId: string, input: RecordPaymentInput, now = new Date()): Promise<PaymentDetailResponse> {
    if (!isPositiveAmount(input.amount))
      throw invalidField(
        PaymentsErrorCode.InvalidPayment,
        'amount',
        'must be a positive integer in minor units',
      );
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + DAY_MS)
      throw invalidField(PaymentsErrorCode.InvalidPayment, 'receivedAt', 'must not be in the future');
    const explicit = input.allocations ? explicitPlan(input.allocations, input.amount) : null;
    const paymentId = await this.tx.run(async (manager) => {
      const customer = await this.customers.get(orgId, input.customerId);
      if (input.currency !== customer.currency)
        throw invalidField(
          PaymentsErrorCode.CurrencyMismatch,
          'currency',
          `must be the customer's currency ${customer.currency}`,
        );
      const payment = manager.create(Payment, {
        id: newId(),
        orgId,
        customerId: customer.id,
        provider: 'manual',
        method: input.method,
        amount: input.amount,
        currency: input.currency,
        status: 'succeeded',
        providerPaymentId: null,
        providerChargeId: null,
        failureCode: null,
        failureMessage: null,
        reference: input.reference ?? null,
        receivedAt,
        amountAllocated: 0,
        amountCredited: 0,
        amountRefunded: 0,
        creditGrantId: null,
        reversedAt: null,
        reversalReason: null,
        metadata: input.metadata ?? {},
      });
      await manager.insert(Payment, payment);
      const plan = explicit ?? (await this.openInvoicesPlan(orgId, payment, payment.amount, new Set()));
      await this.settlement.receive(manager, payment, plan, input.recordedBy ?? null, now);
      await this.save(manager, payment);
      return payment.id;
    });
    return this.reads.get(orgId, paymentId);
  }

  /**
   * Allocates what a payment left to customer credit, while that credit is untouched (409
   * `payment_credit_spent` once any of it was spent, expired or voided): the grant is voided, the amounts
   * settle the invoices, and whatever is still left becomes a new grant.
   */
  async allocate(
    orgId: string,
    id: string,
    allocations: PaymentAllocationDto[] | undefined,
    grantedBy: string | null,
    now = new Date(),
  ): Promise<PaymentDetailResponse> {
    await this.tx.run(async (manager) => {
      const payment = await this.lock(manager, orgId, id);
      if (payment.status !== 'succeeded' || payment.amountCredited === 0)
        throw paymentConflict(
          PaymentsErrorCode.NothingToAllocate,
          `Payment ${id} is ${payment.status} with nothing unallocated.`,
        );
      const existing = await manager.find(PaymentAllocation, { where: { orgId, paymentId: id } });
      const paid = new Set(existing.map((a) => a.invoiceId));
      const plan = allocations
        ? explicitPlan(allocations, payment.amountCredited)
        : await this.openInvoicesPlan(orgId, payment, payment.amountCredited, paid);
      const again = plan.find((a) => paid.has(a.invoiceId));
      if (again)
        throw paymentConflict(
          PaymentsErrorCode.InvoiceAlreadyAllocated,
          `Payment ${id} already pays invoice ${again.invoiceId}.`,
        );
      if (plan.length === 0)
        throw paymentConflict(
          PaymentsErrorCode.NothingToAllocate,
          `No open invoice to allocate payment ${id} to.`,
        );
      const credited = payment.amountCredited;
      await this.takeBackCredit(orgId, payment);
      const allocated = await this.settlement.settle(manager, payment, plan, now);
      payment.amountAllocated += allocated;
      payment.creditGrantId = null;
      await this.settlement.creditRest(payment, credited - allocated, grantedBy, now);
      await this.save(manager, payment);
    });
    return this.reads.get(orgId, id);
  }

  /**
   * Reverses a succeeded manual payment (a bounced check): reopens what it paid, reverses its journals, voids
   * the credit it became (409 `payment_credit_spent` when any of it was used), marks it failed and emits
   * `payment.failed`.
   */
  async reverse(orgId: string, id: string, reason: string, now = new Date()): Promise<PaymentDetailResponse> {
    await this.tx.run(async (manager) => {
      const payment = await this.lock(manager, orgId, id);
      if (payment.provider !== 'manual' || payment.status !== 'succeeded')
        throw paymentConflict(
          PaymentsErrorCode.PaymentNotReversible,
          `Payment ${id} is a ${payment.status} ${payment.provider} payment; only succeeded manual payments can be reversed.`,
        );
      await this.takeBackCredit(orgId, payment);
      const allocations = await manager.find(PaymentAllocation, {
        where: { orgId, paymentId: id, reversedAt: IsNull() },
        order: { invoiceId: 'ASC' },
      });
      const memo = `Reversal of ${memoOf(payment)}: ${reason}`;
      for (const allocation of allocations) {
        await this.invoicePayments.reversePayment(orgId, {
          invoiceId: allocation.invoiceId,
          paymentId: id,
          customerId: payment.customerId,
          currency: payment.currency,
          amount: allocation.amount,
        });
        await this.ledger.post(orgId, allocationReversalJournal(allocation, now, memo));
        await manager.update(PaymentAllocation, { orgId, id: allocation.id }, { reversedAt: now });
      }
      Object.assign(payment, {
        status: 'failed',
        failureCode: REVERSED_FAILURE_CODE,
        failureMessage: reason,
        reversalReason: reason,
        reversedAt: now,
        amountAllocated: 0,
        amountCredited: 0,
      });
      await this.save(manager, payment);
      await this.jobs.enqueue(JobName.PaymentFailed, {
        orgId,
        paymentId: id,
        customerId: payment.customerId,
        amount: payment.amount,
        currency: payment.currency,
        invoiceIds: allocations.map((a) => a.invoiceId),
      });
    });
    return this.reads.get(orgId, id);
  }

  private async lock(manager: EntityManager, orgId: string, id: string): Promise<Payment> {
    const payment = isUuid(id)
      ? await manager.findOne(Payment, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!payment) throw paymentNotFound(id);
    return payment;
  }

  /** The customer's open invoices (locked) not yet paid by this payment, oldest due first, up to `available`. */
  private async openInvoicesPlan(
    orgId: string,
    payment: Payment,
    available: number,
    exclude: Set<string>,
  ): Promise<PlannedAllocation[]> {
    const open = await this.invoicePayments.lockPayableInvoices(orgId, payment.customerId, payment.currency);
    return automaticPlan(
      open.filter((i) => !exclude.has(i.id)),
      available,
    );
  }

  /**
   * Voids the payment's credit grant, which must still hold all of `amountCredited`; a 409
   * `payment_credit_spent` otherwise. The re-read after the void (which locks the grant) catches a spend
   * that raced the first read, and the 409 rolls the void back.
   */
  private async takeBackCredit(orgId: string, payment: Payment): Promise<void> {
    if (payment.amountCredited === 0 || !payment.creditGrantId) return;
    const spent = () =>
      paymentConflict(
        PaymentsErrorCode.PaymentCreditSpent,
        `Payment ${payment.id} became credit grant ${payment.creditGrantId}, and some of it was used since.`,
      );
    const before = await this.creditReads.getGrant(orgId, payment.creditGrantId);
    if (before.status === 'voided' || before.remainingAmount !== payment.amountCredited) throw spent();
    await this.credits.voidGrant(orgId, payment.creditGrantId);
    const after = await this.creditReads.getGrant(orgId, payment.creditGrantId);
    if (after.voidedAmount !== payment.amountCredited) throw spent();
  }

  private async save(manager: EntityManager, payment: Payment): Promise<void> {
    const { id, orgId, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = payment;
    await manager.update(Payment, { orgId, id }, columns);
  }
}
