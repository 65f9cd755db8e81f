import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { Dispute } from '../entities/dispute.entity';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { DisputeSettlement } from './dispute-settlement';
import { disputeClosed, disputeNotFound } from './disputes.errors';
import { DisputeQuery } from './dto/dispute.dto';
import { DisputeResponse, toDisputeResponse } from './dto/dispute.response';

/** Disputes of an organisation: reads, and the two answers an admin can give (evidence, or accept). */
@Injectable()
export class DisputesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly settlement: DisputeSettlement,
  ) {}

  async get(orgId: string, id: string): Promise<DisputeResponse> {
    return toDisputeResponse(await this.find(orgId, id));
  }

  /** Newest first; filters combine with AND. */
  async list(orgId: string, query: DisputeQuery): Promise<Page<DisputeResponse>> {
    const qb = this.tx.manager.createQueryBuilder(Dispute, 'd').where('d.org_id = :orgId', { orgId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.paymentId) qb.andWhere('d.payment_id = :paymentId', { paymentId: query.paymentId });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toDisputeResponse) };
  }

  /** Forwards text evidence to Stripe and submits it (the dispute goes `under_review`). */
  submitEvidence(orgId: string, id: string, text: string): Promise<DisputeResponse> {
    return this.answer(orgId, id, (stripe, providerId) =>
      stripe.disputes.update(providerId, { evidence: { uncategorized_text: text }, submit: true }),
    );
  }

  /** Accepts the dispute: Stripe closes it as lost, and the loss is settled at once. */
  accept(orgId: string, id: string): Promise<DisputeResponse> {
    return this.answer(orgId, id, (stripe, providerId) => stripe.disputes.close(providerId));
  }

  private async answer(
    orgId: string,
    id: string,
    call: (stripe: Stripe, providerDisputeId: string) => Promise<Stripe.Dispute>,
  ): Promise<DisputeResponse> {
    const dispute = await this.find(orgId, id);
    if (dispute.closedAt) throw disputeClosed(id, dispute.status);
    const { stripe } = await this.accounts.get(orgId);
    let answer: Stripe.Dispute;
    try {
      answer = await call(stripe, dispute.providerDisputeId);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      // Closed at Stripe before we heard of it: settle what Stripe says, then refuse.
      await this.settlement.apply(orgId, await stripe.disputes.retrieve(dispute.providerDisputeId));
      throw disputeClosed(id, (await this.find(orgId, id)).status);
    }
    await this.settlement.apply(orgId, answer);
    return this.get(orgId, id);
  }

  private async find(orgId: string, id: string): Promise<Dispute> {
    const dispute = isUuid(id) ? await this.tx.manager.findOneBy(Dispute, { orgId, id }) : null;
    if (!dispute) throw disputeNotFound(id);
    return dispute;
  }
}
