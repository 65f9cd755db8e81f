import { Injectable, OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { StripeEventRouter } from '../stripe/stripe-event-router';
import { RefundSettlement } from './refund-settlement';

/**
 * Inbound Stripe refund events. Each re-reads the refund (or the charge's refunds) from Stripe, so a stale,
 * duplicated or reordered event applies Stripe's current state, which the settlement applies once.
 */
@Injectable()
export class RefundStripeEvents implements OnModuleInit {
  constructor(
    private readonly router: StripeEventRouter,
    private readonly accounts: StripeAccountsService,
    private readonly settlement: RefundSettlement,
  ) {}

  onModuleInit(): void {
    this.router.on(['refund.created', 'refund.updated', 'refund.failed'], (orgId, event) =>
      this.refund(orgId, (event.data.object as Stripe.Refund).id),
    );
    this.router.on(['charge.refunded'], (orgId, event) =>
      this.chargeRefunds(orgId, (event.data.object as Stripe.Charge).id),
    );
  }

  private async refund(orgId: string, id: string): Promise<void> {
    const { stripe } = await this.accounts.get(orgId);
    await this.settlement.applyStripeRefund(orgId, await stripe.refunds.retrieve(id));
  }

  private async chargeRefunds(orgId: string, chargeId: string): Promise<void> {
    const { stripe } = await this.accounts.get(orgId);
    for await (const refund of stripe.refunds.list({ charge: chargeId, limit: 100 }))
      await this.settlement.applyStripeRefund(orgId, refund);
  }
}
