import { Injectable } from '@nestjs/common';
import { TransactionContext, newId } from '@app/core';
import { CustomersService } from '@app/customers';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { StripeCustomer } from './stripe-customer.entity';

/** Our customers' Stripe customers, created the first time one is needed. */
@Injectable()
export class StripeCustomersService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly customers: CustomersService,
  ) {}

  /**
   * The customer's Stripe customer id, created at Stripe on first use. Two callers racing both send the
   * idempotency key `customer-<customerId>`, so Stripe creates one customer and both store the same id.
   */
  async ensure(orgId: string, customerId: string): Promise<string> {
    const known = await this.find(orgId, customerId);
    if (known) return known;
    const customer = await this.customers.get(orgId, customerId);
    const { stripe } = await this.accounts.get(orgId);
    const created = await stripe.customers.create(
      {
        name: customer.name,
        email: customer.billingEmails[0],
        metadata: { org_id: orgId, customer_id: customerId },
      },
      { idempotencyKey: `customer-${customerId}` },
    );
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(StripeCustomer)
      .values({ id: newId(), orgId, customerId, stripeCustomerId: created.id })
      .orIgnore()
      .execute();
    return (await this.find(orgId, customerId))!;
  }

  async find(orgId: string, customerId: string): Promise<string | null> {
    const row = await this.tx.manager.findOneBy(StripeCustomer, { orgId, customerId });
    return row?.stripeCustomerId ?? null;
  }

  /** Our customer id of a Stripe customer, or null when it is not one of ours. */
  async customerOf(orgId: string, stripeCustomerId: string): Promise<string | null> {
    const row = await this.tx.manager.findOneBy(StripeCustomer, { orgId, stripeCustomerId });
    return row?.customerId ?? null;
  }
}
