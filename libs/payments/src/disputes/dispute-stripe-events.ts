import { Injectable, OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { StripeEventRouter } from '../stripe/stripe-event-router';
import { DisputeSettlement } from './dispute-settlement';

export const DISPUTE_EVENT_TYPES = [
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
] as const;

/** Inbound dispute events: each re-reads the dispute from Stripe and applies its current state. */
@Injectable()
export class DisputeStripeEvents implements OnModuleInit {
  constructor(
    private readonly router: StripeEventRouter,
    private readonly accounts: StripeAccountsService,
    private readonly settlement: DisputeSettlement,
  ) {}

  onModuleInit(): void {
    this.router.on(DISPUTE_EVENT_TYPES, async (orgId, event) => {
      const { stripe } = await this.accounts.get(orgId);
      const dispute = await stripe.disputes.retrieve((event.data.object as Stripe.Dispute).id);
      await this.settlement.apply(orgId, dispute);
    });
  }
}
