import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { EntityManager, IsNull } from 'typeorm';
import { TransactionContext, isUuid, newId } from '@app/core';
import { CreditNoteRefundsService, RefundableCreditNote } from '@app/invoicing';
import { Dispute } from '../entities/dispute.entity';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { paymentNotFound } from '../payments.errors';
import { isPositiveAmount } from '../services/allocation-plan';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { CreateRefundDto, RefundCreditNoteDto } from './dto/refund.dto';
import { RefundResponse } from './dto/refund.response';
import { RefundReadsService } from './refund-reads.service';
import { RefundSettlement } from './refund-settlement';
import { RefundsErrorCode, refundRefused } from './refunds.errors';
import { lockPayment, savePayment } from './payment-state';

const REFUNDABLE_STATUSES: readonly string[] = ['succeeded', 'partially_refunded'];

/**
 * Refunds (docs/payments-refunds-disputes.md). A Stripe refund is three steps: TX1 writes the refund
 * `pending` under the payment's row lock (so what is refundable counts it), then Stripe is asked with the
 * idempotency key `refund-<id>`, then Stripe's answer is applied by the same idempotent settlement the
 * webhooks use. An offline (manual) refund is recorded `succeeded` in one transaction.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly stripeAccounts: StripeAccountsService,
    private readonly creditNotes: CreditNoteRefundsService,
    private readonly settlement: RefundSettlement,
    private readonly reads: RefundReadsService,
  ) {}

  async refund(
    orgId: string,
    paymentId: string,
    input: CreateRefundDto,
    by: string | null,
    now = new Date(),
  ): Promise<RefundResponse> {
    const current = isUuid(paymentId)
      ? await this.tx.manager.findOneBy(Payment, { orgId, id: paymentId })
      : null;
    if (!current) throw paymentNotFound(paymentId);
    // Before anything is written: an org without Stripe must not be left with a pending refund.
    const stripe = current.provider === 'stripe' ? (await this.stripeAccounts.get(orgId)).stripe : null;
    const refund = await this.tx.run(async (manager) => {
      const payment = await lockPayment(manager, orgId, paymentId);
      if (!REFUNDABLE_STATUSES.includes(payment.status))
        throw refundRefused(
          409,
          RefundsErrorCode.PaymentNotRefundable,
          `Payment ${payment.id} is ${payment.status}; only succeeded or partially refunded payments can be refunded.`,
        );
      const note = input.creditNoteId ? await this.creditNoteFor(manager, payment, input.creditNoteId) : null;
      const refundable = await this.refundable(manager, payment);
      const amount = input.amount ?? note?.total ?? refundable;
      if (!isPositiveAmount(amount))
        throw refundRefused(
          422,
          RefundsErrorCode.InvalidRefund,
          'must be a positive integer in minor units',
          'amount',
        );
      if (note && amount !== note.total)
        throw refundRefused(
          422,
          RefundsErrorCode.InvalidRefund,
          `a credit note is refunded whole: ${note.total}, not ${amount}`,
          'amount',
        );
      if (amount > refundable)
        throw refundRefused(
          422,
          RefundsErrorCode.RefundExceedsRefundable,
          `${amount} is more than the ${refundable} still refundable on payment ${payment.id}`,
          'amount',
        );
      if (!note) {
        if (amount > payment.amountCredited)
          throw refundRefused(
            422,
            RefundsErrorCode.RefundRequiresCreditNote,
            `only the ${payment.amountCredited} of payment ${payment.id} that became customer credit can be refunded directly; what paid invoices is refunded through a credit note with outcome refund (creditNoteId)`,
            'amount',
          );
        await this.settlement.takeCredit(payment, amount, by, now);
        await savePayment(manager, payment);
      }
      const created = manager.create(Refund, {
        id: newId(),
        orgId,
        paymentId: payment.id,
        customerId: payment.customerId,
        creditNoteId: note?.id ?? null,
        provider: payment.provider,
        amount,
        currency: payment.currency,
        status: 'pending',
        providerRefundId: null,
        reason: input.reason ?? null,
        failureReason: null,
        reference: input.reference ?? null,
        createdBy: by,
      });
      await manager.insert(Refund, created);
      if (payment.provider === 'manual')
        await this.settlement.transition(manager, payment, created, { status: 'succeeded' }, now);
      return { refund: created, payment };
    });
    if (stripe) await this.sendToStripe(orgId, stripe, refund.payment, refund.refund);
    return this.reads.get(orgId, refund.refund.id);
  }

  /**
   * Pays out a credit note's refund on `paymentId`, or on the newest payment allocated to its invoice that
   * can refund the whole note.
   */
  async refundCreditNote(
    orgId: string,
    creditNoteId: string,
    input: RefundCreditNoteDto,
    by: string | null,
  ): Promise<RefundResponse> {
    const paymentId = input.paymentId ?? (await this.paymentForCreditNote(orgId, creditNoteId));
    return this.refund(orgId, paymentId, { creditNoteId, reference: input.reference }, by);
  }

  private paymentForCreditNote(orgId: string, creditNoteId: string): Promise<string> {
    return this.tx.run(async (manager) => {
      const note = await this.creditNotes.lock(orgId, creditNoteId);
      const candidates = await manager
        .createQueryBuilder(Payment, 'p')
        .innerJoin(
          PaymentAllocation,
          'a',
          'a.payment_id = p.id AND a.org_id = p.org_id AND a.reversed_at IS NULL',
        )
        .where('p.org_id = :orgId AND a.invoice_id = :invoiceId', { orgId, invoiceId: note.invoiceId })
        .andWhere('p.status IN (:...statuses)', { statuses: REFUNDABLE_STATUSES })
        .orderBy('p.id', 'DESC')
        .getMany();
      for (const payment of candidates)
        if ((await this.refundable(manager, payment)) >= note.total) return payment.id;
      throw refundRefused(
        422,
        RefundsErrorCode.RefundPaymentMismatch,
        `no payment of invoice ${note.invoiceId} can refund the ${note.total} of credit note ${note.number}`,
        'paymentId',
      );
    });
  }

  /** The credit note (locked) whose refund this pays out: a pending refund note of what the payment paid. */
  private async creditNoteFor(
    manager: EntityManager,
    payment: Payment,
    creditNoteId: string,
  ): Promise<RefundableCreditNote> {
    const note = await this.creditNotes.lock(payment.orgId, creditNoteId);
    if (note.refundStatus === null)
      throw refundRefused(
        422,
        RefundsErrorCode.CreditNoteNotRefundable,
        `credit note ${note.number}'s outcome is not refund`,
        'creditNoteId',
      );
    const inFlight = await manager.countBy(Refund, {
      orgId: payment.orgId,
      creditNoteId: note.id,
      status: 'pending',
    });
    if (note.refundStatus === 'refunded' || inFlight > 0)
      throw refundRefused(
        409,
        RefundsErrorCode.CreditNoteAlreadyRefunded,
        `credit note ${note.number} is already ${inFlight > 0 ? 'being ' : ''}refunded`,
      );
    const pays = await manager.countBy(PaymentAllocation, {
      orgId: payment.orgId,
      paymentId: payment.id,
      invoiceId: note.invoiceId,
      reversedAt: IsNull(),
    });
    if (pays === 0 || note.currency !== payment.currency)
      throw refundRefused(
        422,
        RefundsErrorCode.RefundPaymentMismatch,
        `payment ${payment.id} did not pay invoice ${note.invoiceId} of credit note ${note.number}`,
        'creditNoteId',
      );
    return note;
  }

  /** amount − refunded − refunds in flight − what an open dispute holds. */
  private async refundable(manager: EntityManager, payment: Payment): Promise<number> {
    const [{ pending }]: { pending: string }[] = await manager.query(
      `SELECT coalesce(sum(amount), 0) AS pending FROM refunds
        WHERE org_id = $1 AND payment_id = $2 AND status = 'pending'`,
      [payment.orgId, payment.id],
    );
    const disputes = await manager.findBy(Dispute, {
      orgId: payment.orgId,
      paymentId: payment.id,
      closedAt: IsNull(),
    });
    const disputed = disputes.reduce((sum, d) => sum + d.amount, 0);
    return payment.amount - payment.amountRefunded - Number(pending) - disputed;
  }

  /**
   * Asks Stripe once (the SDK retries network errors under the same idempotency key) and applies its answer.
   * Stripe refusing the request fails the refund; an unknown outcome leaves it pending for the webhooks (and
   * for StuckRefundsRecoverer, which sends it again with the same key).
   */
  async sendToStripe(orgId: string, stripe: Stripe, payment: Payment, refund: Refund): Promise<void> {
    let answer: Stripe.Refund;
    try {
      answer = await stripe.refunds.create(
        {
          ...(payment.providerPaymentId
            ? { payment_intent: payment.providerPaymentId }
            : { charge: payment.providerChargeId ?? undefined }),
          amount: refund.amount,
          metadata: { refund_id: refund.id, payment_id: payment.id },
        },
        { idempotencyKey: `refund-${refund.id}` },
      );
    } catch (error) {
      if (!(
        error instanceof Stripe.errors.StripeInvalidRequestError ||
        error instanceof Stripe.errors.StripeCardError
      )) {
        this.logger.warn(
          `Refund ${refund.id}: Stripe did not answer (${(error as Error).message}); left pending`,
        );
        return;
      }
      await this.tx.run(async (manager) => {
        const locked = await lockPayment(manager, orgId, payment.id);
        const row = await manager.findOneOrFail(Refund, {
          where: { orgId, id: refund.id },
          lock: { mode: 'pessimistic_write' },
        });
        await this.settlement.transition(
          manager,
          locked,
          row,
          { status: 'failed', failureReason: error.message },
          new Date(),
        );
      });
      return;
    }
    await this.settlement.applyStripeRefund(orgId, answer);
  }
}
