import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { EntityManager, IsNull } from 'typeorm';
import { JobName, JobQueue, TransactionContext, isUuid, newId } from '@app/core';
import { CreditReadsService, CreditsService } from '@app/credits';
import { CreditNoteRefundsService } from '@app/invoicing';
import { LedgerAccount, LedgerService } from '@app/ledger';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { Refund, RefundStatus } from '../entities/refund.entity';
import { PaymentsErrorCode, paymentConflict } from '../payments.errors';
import { refundFailedJournal, refundPaidJournal } from './refund-journals';
import { lockPayment, savePayment, settledStatus } from './payment-state';

/** What the provider says a refund is now. */
export interface RefundOutcome {
  status: RefundStatus;
  failureReason?: string | null;
  providerRefundId?: string | null;
}

const STRIPE_STATUS: Record<string, RefundStatus> = {
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  pending: 'pending',
  requires_action: 'pending',
};

/**
 * A direct refund (no credit note) paid out of the payment's unallocated credit: it was taken from the
 * credit when requested. A refund without a creator came from Stripe (made in its dashboard).
 */
const fromCredit = (refund: Refund): boolean => refund.creditNoteId === null && refund.createdBy !== null;

/**
 * The effects of a refund's outcome (docs/payments-refunds-disputes.md), one function for the API answer and
 * every inbound Stripe refund event: each transition (pending → succeeded / failed, succeeded → failed) is
 * applied once, under the payment's and the refund's row locks, whatever order and how often it is reported.
 */
@Injectable()
export class RefundSettlement {
  private readonly logger = new Logger(RefundSettlement.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly credits: CreditsService,
    private readonly creditReads: CreditReadsService,
    private readonly creditNotes: CreditNoteRefundsService,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Takes `amount` of the payment's unallocated credit for a direct refund: the grant is voided (its journal,
   * Dr customer credit / Cr cash clearing, is the refund's posting) and the rest granted again. Only while
   * that credit is untouched (409 `payment_credit_spent`).
   */
  async takeCredit(payment: Payment, amount: number, grantedBy: string | null, now: Date): Promise<void> {
    const grantId = payment.creditGrantId;
    const spent = () =>
      paymentConflict(
        PaymentsErrorCode.PaymentCreditSpent,
        `Payment ${payment.id} became credit grant ${grantId}, and some of it was used since.`,
      );
    if (!grantId) throw spent();
    const before = await this.creditReads.getGrant(payment.orgId, grantId);
    if (before.status === 'voided' || before.remainingAmount !== payment.amountCredited) throw spent();
    await this.credits.voidGrant(payment.orgId, grantId);
    if ((await this.creditReads.getGrant(payment.orgId, grantId)).voidedAmount !== payment.amountCredited)
      throw spent();
    payment.amountCredited -= amount;
    payment.creditGrantId =
      payment.amountCredited === 0
        ? null
        : (await this.grantBack(payment, payment.amountCredited, payment.id, grantedBy, now)).grantId;
  }

  /** Moves the (locked) refund to `outcome`, applying what that transition means once. */
  async transition(
    manager: EntityManager,
    payment: Payment,
    refund: Refund,
    outcome: RefundOutcome,
    now: Date,
  ): Promise<void> {
    const from = refund.status;
    refund.providerRefundId ??= outcome.providerRefundId ?? null;
    if (from === outcome.status || from === 'failed' || from === 'canceled' || outcome.status === 'pending') {
      if (from !== outcome.status && outcome.status !== 'pending')
        this.logger.warn(`Refund ${refund.id} is ${from}; ignoring a later ${outcome.status}`);
    } else if (outcome.status === 'succeeded') {
      await this.paid(manager, payment, refund, now);
    } else {
      if (from === 'succeeded') await this.unpaid(payment, refund, now);
      else if (fromCredit(refund)) await this.grantBack(payment, refund.amount, refund.id, null, now);
      refund.failureReason = outcome.failureReason ?? null;
      refund.status = outcome.status;
    }
    await manager.update(
      Refund,
      { orgId: refund.orgId, id: refund.id },
      {
        status: refund.status,
        providerRefundId: refund.providerRefundId,
        failureReason: refund.failureReason,
      },
    );
    await savePayment(manager, payment);
  }

  /** Applies a Stripe refund as Stripe reports it now; one Stripe refunds made elsewhere are recorded. */
  applyStripeRefund(orgId: string, stripeRefund: Stripe.Refund): Promise<void> {
    return this.tx.run(async (manager) => {
      const localId = stripeRefund.metadata?.refund_id;
      const found = await manager.findOne(Refund, {
        where: [
          { orgId, providerRefundId: stripeRefund.id },
          ...(localId && isUuid(localId) ? [{ orgId, id: localId }] : []),
        ],
      });
      const outcome: RefundOutcome = {
        status: STRIPE_STATUS[stripeRefund.status ?? 'pending'] ?? 'pending',
        failureReason: stripeRefund.failure_reason ?? null,
        providerRefundId: stripeRefund.id,
      };
      if (!found) return this.recordExternal(manager, orgId, stripeRefund, outcome);
      const payment = await lockPayment(manager, orgId, found.paymentId);
      const refund = await manager.findOneOrFail(Refund, {
        where: { orgId, id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      await this.transition(manager, payment, refund, outcome, new Date());
    });
  }

  private async paid(manager: EntityManager, payment: Payment, refund: Refund, now: Date): Promise<void> {
    refund.status = 'succeeded';
    refund.failureReason = null;
    payment.amountRefunded += refund.amount;
    if (payment.status !== 'disputed') payment.status = settledStatus(payment);
    if (!fromCredit(refund))
      await this.ledger.post(
        payment.orgId,
        refundPaidJournal(refund, now, `Refund of payment ${payment.id}`),
      );
    if (refund.creditNoteId)
      await this.creditNotes.setRefundStatus(payment.orgId, refund.creditNoteId, 'refunded');
    const allocations = await manager.find(PaymentAllocation, {
      where: { orgId: payment.orgId, paymentId: payment.id, reversedAt: IsNull() },
    });
    await this.jobs.enqueue(JobName.PaymentRefunded, {
      orgId: payment.orgId,
      paymentId: payment.id,
      customerId: payment.customerId,
      amount: refund.amount,
      currency: refund.currency,
      invoiceIds: allocations.map((a) => a.invoiceId),
    });
  }

  /** A paid refund failed later (a closed card): the money came back, the customer is owed it again. */
  private async unpaid(payment: Payment, refund: Refund, now: Date): Promise<void> {
    payment.amountRefunded -= refund.amount;
    if (payment.status !== 'disputed') payment.status = settledStatus(payment);
    if (fromCredit(refund)) {
      await this.grantBack(payment, refund.amount, refund.id, null, now);
      return;
    }
    await this.ledger.post(
      payment.orgId,
      refundFailedJournal(refund, now, `Failed refund of payment ${payment.id}`),
    );
    if (refund.creditNoteId)
      await this.creditNotes.setRefundStatus(payment.orgId, refund.creditNoteId, 'pending');
  }

  /** Customer credit funded by cash clearing (the customer's own money), as an overpayment is. */
  private grantBack(
    payment: Payment,
    amount: number,
    sourceId: string,
    grantedBy: string | null,
    now: Date,
  ): Promise<{ grantId: string }> {
    return this.credits.grant(
      payment.orgId,
      {
        customerId: payment.customerId,
        currency: payment.currency,
        amount,
        type: 'purchased',
        source: sourceId === payment.id ? 'overpayment' : 'refund_failed',
        sourceId,
        description:
          sourceId === payment.id
            ? `Unallocated rest of payment ${payment.id}`
            : `Failed refund ${sourceId} of payment ${payment.id}`,
        grantedBy,
        fundingAccount: LedgerAccount.CashClearing,
      },
      now,
    );
  }

  /** A refund made at Stripe, not through the platform: recorded once it succeeded. */
  private async recordExternal(
    manager: EntityManager,
    orgId: string,
    stripeRefund: Stripe.Refund,
    outcome: RefundOutcome,
  ): Promise<void> {
    const intentId = typeof stripeRefund.payment_intent === 'string' ? stripeRefund.payment_intent : null;
    const chargeId = typeof stripeRefund.charge === 'string' ? stripeRefund.charge : null;
    const match = await manager.findOne(Payment, {
      where: [
        ...(intentId ? [{ orgId, providerPaymentId: intentId }] : []),
        ...(chargeId ? [{ orgId, providerChargeId: chargeId }] : []),
      ],
    });
    if (!match || outcome.status !== 'succeeded') {
      if (!match) this.logger.warn(`Stripe refund ${stripeRefund.id} of org ${orgId} matches no payment`);
      return;
    }
    const payment = await lockPayment(manager, orgId, match.id);
    const refund = manager.create(Refund, {
      id: newId(),
      orgId,
      paymentId: payment.id,
      customerId: payment.customerId,
      creditNoteId: null,
      provider: 'stripe',
      amount: stripeRefund.amount,
      currency: payment.currency,
      status: 'pending',
      providerRefundId: stripeRefund.id,
      reason: stripeRefund.reason ?? null,
      failureReason: null,
      reference: null,
      createdBy: null,
    });
    await manager.insert(Refund, refund);
    await this.transition(manager, payment, refund, outcome, new Date());
  }
}
