import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { LessThan } from 'typeorm';
import { TransactionContext } from '@app/core';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { IDEMPOTENCY_KEY_TTL_MS, STUCK_AFTER_MS, recoverEach } from '../stripe/stripe-recovery';
import { lockPayment } from './payment-state';
import { RefundSettlement } from './refund-settlement';
import { RefundsService } from './refunds.service';

const BATCH = 100;
export const NEVER_REACHED_STRIPE = 'The refund request never reached Stripe.';

/**
 * Repairs Stripe refunds left `pending` (docs/payments-refunds-disputes.md): the answer of the create was
 * lost and no webhook came, or the request never reached Stripe at all. Stripe is asked again, never asked
 * to refund twice.
 */
@Injectable()
export class StuckRefundsRecoverer {
  private readonly logger = new Logger(StuckRefundsRecoverer.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly refunds: RefundsService,
    private readonly settlement: RefundSettlement,
  ) {}

  /** Recovers every Stripe refund pending and unchanged for STUCK_AFTER_MS before `now`; returns how many. */
  async run(now = new Date()): Promise<number> {
    const stuck = await this.tx.manager.find(Refund, {
      where: {
        provider: 'stripe',
        status: 'pending',
        updatedAt: LessThan(new Date(now.getTime() - STUCK_AFTER_MS)),
      },
      order: { updatedAt: 'ASC' },
      take: BATCH,
    });
    return recoverEach(stuck, (refund) => this.recover(refund, now), this.logger, 'Refund');
  }

  /**
   * Known to Stripe: re-read it. Otherwise, within the idempotency key's lifetime, send the same create again
   * (Stripe answers with the refund if it made it); after it, look for the refund among the payment's by its
   * metadata, and cancel ours when Stripe has none (what it held is refundable again).
   */
  private async recover(refund: Refund, now: Date): Promise<void> {
    const connection = await this.accounts.find(refund.orgId);
    if (!connection) return;
    const { stripe } = connection;
    if (refund.providerRefundId)
      return this.settlement.applyStripeRefund(
        refund.orgId,
        await stripe.refunds.retrieve(refund.providerRefundId),
      );
    const payment = await this.tx.manager.findOneByOrFail(Payment, {
      orgId: refund.orgId,
      id: refund.paymentId,
    });
    if (now.getTime() - refund.createdAt.getTime() < IDEMPOTENCY_KEY_TTL_MS)
      return this.refunds.sendToStripe(refund.orgId, stripe, payment, refund);
    const made = await this.findAtStripe(stripe, payment, refund);
    if (made) return this.settlement.applyStripeRefund(refund.orgId, made);
    await this.tx.run(async (manager) => {
      const locked = await lockPayment(manager, refund.orgId, payment.id);
      const row = await manager.findOneOrFail(Refund, {
        where: { orgId: refund.orgId, id: refund.id },
        lock: { mode: 'pessimistic_write' },
      });
      await this.settlement.transition(
        manager,
        locked,
        row,
        { status: 'canceled', failureReason: NEVER_REACHED_STRIPE },
        now,
      );
    });
  }

  private async findAtStripe(
    stripe: Stripe,
    payment: Payment,
    refund: Refund,
  ): Promise<Stripe.Refund | null> {
    const filter = payment.providerPaymentId
      ? { payment_intent: payment.providerPaymentId }
      : { charge: payment.providerChargeId ?? undefined };
    for await (const candidate of stripe.refunds.list({ ...filter, limit: 100 }))
      if (candidate.metadata?.refund_id === refund.id) return candidate;
    return null;
  }
}
