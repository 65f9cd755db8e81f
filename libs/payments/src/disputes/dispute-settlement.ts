import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager, IsNull } from 'typeorm';
import { AppError, JobName, JobQueue, TransactionContext, newId } from '@app/core';
import { InvoicePaymentsService } from '@app/invoicing';
import { LedgerService } from '@app/ledger';
import { Dispute } from '../entities/dispute.entity';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { lockPayment, savePayment, settledStatus } from '../refunds/payment-state';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import {
  disputeFeeJournal,
  disputeLostJournal,
  disputeOpenedJournal,
  disputeWonJournals,
} from './dispute-journals';

const CLOSED_STATUSES: readonly string[] = ['won', 'lost', 'warning_closed'];

/** An inquiry (`warning_…`) withdraws nothing: it is recorded and notified, never posted. */
const isInquiry = (status: string): boolean => status.startsWith('warning_');

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The dispute fee Stripe withdrew and what it gave back, from the dispute's balance transactions. */
function fees(dispute: Stripe.Dispute): { charged: number; returned: number } {
  let charged = 0;
  let returned = 0;
  for (const txn of dispute.balance_transactions ?? [])
    if (txn.fee > 0) charged += txn.fee;
    else returned -= txn.fee;
  return { charged, returned };
}

/**
 * Applies a Stripe dispute as Stripe reports it now (docs/payments-refunds-disputes.md), for every inbound
 * dispute event and the evidence/accept routes alike: the row is upserted, the opening journals are posted
 * (idempotent per source), and the outcome (won or lost) is applied once, guarded by `closedAt` under the
 * dispute's row lock. So duplicated and reordered events have one effect.
 */
@Injectable()
export class DisputeSettlement {
  private readonly logger = new Logger(DisputeSettlement.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly ledger: LedgerService,
    private readonly invoicePayments: InvoicePaymentsService,
    private readonly settings: PaymentSettingsService,
  ) {}

  apply(orgId: string, stripeDispute: Stripe.Dispute, now = new Date()): Promise<void> {
    return this.tx.run(async (manager) => {
      const chargeId = idOf(stripeDispute.charge);
      const intentId = idOf(stripeDispute.payment_intent);
      const match = await manager.findOne(Payment, {
        where: [
          ...(chargeId ? [{ orgId, providerChargeId: chargeId }] : []),
          ...(intentId ? [{ orgId, providerPaymentId: intentId }] : []),
        ],
      });
      if (!match) {
        this.logger.warn(`Stripe dispute ${stripeDispute.id} of org ${orgId} matches no payment`);
        return;
      }
      const payment = await lockPayment(manager, orgId, match.id);
      const { dispute, created } = await this.upsert(manager, payment, stripeDispute);
      const { charged, returned } = fees(stripeDispute);
      Object.assign(dispute, {
        amount: stripeDispute.amount,
        reason: stripeDispute.reason,
        status: stripeDispute.status,
        evidenceDueBy: stripeDispute.evidence_details?.due_by
          ? new Date(stripeDispute.evidence_details.due_by * 1000)
          : null,
        fee: charged - returned,
      });
      const inquiry = isInquiry(dispute.status);
      if (!inquiry) {
        await this.ledger.post(orgId, disputeOpenedJournal(dispute, now));
        if (charged > 0) await this.ledger.post(orgId, disputeFeeJournal(dispute, charged, now));
      }
      if (created) await this.jobs.enqueue(JobName.DisputeCreated, this.event(dispute));
      if (!CLOSED_STATUSES.includes(dispute.status)) {
        if (!inquiry && !dispute.closedAt) payment.status = 'disputed';
      } else if (!dispute.closedAt) {
        if (dispute.status === 'won') await this.won(dispute, payment, returned, now);
        if (dispute.status === 'lost') await this.lost(manager, dispute, payment, now);
        dispute.closedAt = now;
        await this.jobs.enqueue(JobName.DisputeClosed, this.event(dispute));
      }
      const { id, createdAt: _c, updatedAt: _u, ...columns } = dispute;
      await manager.update(Dispute, { orgId, id }, columns);
      await savePayment(manager, payment);
    });
  }

  private async upsert(
    manager: EntityManager,
    payment: Payment,
    stripeDispute: Stripe.Dispute,
  ): Promise<{ dispute: Dispute; created: boolean }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Dispute)
      .values({
        id: newId(),
        orgId: payment.orgId,
        paymentId: payment.id,
        customerId: payment.customerId,
        providerDisputeId: stripeDispute.id,
        amount: stripeDispute.amount,
        currency: payment.currency,
        reason: stripeDispute.reason,
        status: stripeDispute.status,
        evidenceDueBy: null,
        fee: null,
        closedAt: null,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const dispute = await manager.findOneOrFail(Dispute, {
      where: { orgId: payment.orgId, providerDisputeId: stripeDispute.id },
      lock: { mode: 'pessimistic_write' },
    });
    return { dispute, created: (inserted.raw as unknown[]).length > 0 };
  }

  private async won(dispute: Dispute, payment: Payment, feeReturned: number, now: Date): Promise<void> {
    for (const journal of disputeWonJournals(dispute, feeReturned, now))
      await this.ledger.post(payment.orgId, journal);
    payment.status = settledStatus(payment);
  }

  /**
   * `reopen_invoice`: the allocations the disputed amount covers are given back to their invoices (open again,
   * owed by the customer); an invoice that cannot reopen (written off) and any rest are a chargeback.
   * `write_off`: all of it is a chargeback and the invoices stay paid. The payment stays `disputed`.
   */
  private async lost(manager: EntityManager, dispute: Dispute, payment: Payment, now: Date): Promise<void> {
    let reopened = 0;
    if ((await this.settings.get(payment.orgId)).disputeLostAction === 'reopen_invoice') {
      const allocations = await manager.find(PaymentAllocation, {
        where: { orgId: payment.orgId, paymentId: payment.id, reversedAt: IsNull() },
        order: { invoiceId: 'ASC' },
      });
      for (const allocation of allocations) {
        if (reopened + allocation.amount > dispute.amount) continue;
        if (!(await this.reopen(payment, allocation))) continue;
        await manager.update(
          PaymentAllocation,
          { orgId: payment.orgId, id: allocation.id },
          { reversedAt: now },
        );
        payment.amountAllocated -= allocation.amount;
        reopened += allocation.amount;
      }
    }
    await this.ledger.post(payment.orgId, disputeLostJournal(dispute, reopened, now));
  }

  /** False when the invoice refuses (void or uncollectible: its receivable is already gone). */
  private async reopen(payment: Payment, allocation: PaymentAllocation): Promise<boolean> {
    try {
      await this.invoicePayments.reversePayment(payment.orgId, {
        invoiceId: allocation.invoiceId,
        paymentId: payment.id,
        customerId: payment.customerId,
        currency: payment.currency,
        amount: allocation.amount,
      });
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return false;
      throw error;
    }
  }

  private event(dispute: Dispute) {
    return {
      orgId: dispute.orgId,
      disputeId: dispute.id,
      paymentId: dispute.paymentId,
      customerId: dispute.customerId,
      amount: dispute.amount,
      currency: dispute.currency,
      reason: dispute.reason,
      status: dispute.status,
    };
  }
}
