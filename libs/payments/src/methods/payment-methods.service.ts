import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import Stripe from 'stripe';
import { EntityManager, IsNull } from 'typeorm';
import { NotFoundError, TransactionContext, isUuid, newId } from '@app/core';
import { CustomersService } from '@app/customers';
import { DunningService } from '../dunning/dunning.service';
import { PaymentsError, PaymentsErrorCode } from '../payments.errors';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { StripeEventRouter } from '../stripe/stripe-event-router';
import { StripeCustomer } from './stripe-customer.entity';
import { SavedPaymentMethod } from './payment-method.entity';
import { PaymentMethodResponse, SetupIntentResponse } from './payment-methods.dto';
import { StripeCustomersService } from './stripe-customers.service';

const toResponse = (m: SavedPaymentMethod): PaymentMethodResponse => ({
  id: m.id,
  customerId: m.customerId,
  providerPaymentMethodId: m.providerPaymentMethodId,
  type: m.type,
  brand: m.brand,
  last4: m.last4,
  expMonth: m.expMonth,
  expYear: m.expYear,
  isDefault: m.isDefault,
  createdAt: m.createdAt,
});

const idOf = (value: string | { id: string } | null): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The method a charge of the customer uses. */
export interface DefaultPaymentMethod {
  stripeCustomerId: string;
  providerPaymentMethodId: string;
  /** Stripe's type: `card`, `us_bank_account`, … */
  type: string;
}

/**
 * Customers' saved payment methods (docs/payments-collection.md): SetupIntents for the front end, methods
 * attached directly, the default (also set at Stripe), detaching, and the Stripe events that keep the local
 * copy in sync. Every change of one customer's methods takes the lock of its `stripe_customers` row.
 */
@Injectable()
export class PaymentMethodsService implements OnModuleInit {
  private readonly logger = new Logger(PaymentMethodsService.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly stripeCustomers: StripeCustomersService,
    private readonly customers: CustomersService,
    private readonly dunning: DunningService,
    private readonly router: StripeEventRouter,
  ) {}

  onModuleInit(): void {
    this.router.on(['setup_intent.succeeded'], (orgId, event) =>
      this.onSetupIntentSucceeded(orgId, (event.data.object as Stripe.SetupIntent).id),
    );
    this.router.on(['payment_method.attached', 'payment_method.detached'], (orgId, event) =>
      this.sync(orgId, (event.data.object as Stripe.PaymentMethod).id),
    );
  }

  /** A SetupIntent for the front end to confirm (Stripe.js); the method is saved when it succeeds. */
  async createSetupIntent(orgId: string, customerId: string): Promise<SetupIntentResponse> {
    const stripeCustomerId = await this.stripeCustomers.ensure(orgId, customerId);
    const { stripe } = await this.accounts.get(orgId);
    const intent = await stripe.setupIntents.create({
      customer: stripeCustomerId,
      usage: 'off_session',
      metadata: { org_id: orgId, customer_id: customerId },
    });
    return { setupIntentId: intent.id, clientSecret: intent.client_secret! };
  }

  async list(orgId: string, customerId: string): Promise<PaymentMethodResponse[]> {
    await this.customers.get(orgId, customerId);
    const rows = await this.tx.manager.find(SavedPaymentMethod, {
      where: { orgId, customerId, detachedAt: IsNull() },
      order: { isDefault: 'DESC', id: 'DESC' },
    });
    return rows.map(toResponse);
  }

  /**
   * Attaches a PaymentMethod created by the front end (or a test token) to the customer at Stripe and saves
   * it; the default when asked or when the customer has none. A card Stripe refuses is a 422.
   */
  async attach(
    orgId: string,
    customerId: string,
    paymentMethodId: string,
    makeDefault = false,
  ): Promise<PaymentMethodResponse> {
    const stripeCustomerId = await this.stripeCustomers.ensure(orgId, customerId);
    const { stripe } = await this.accounts.get(orgId);
    let method: Stripe.PaymentMethod;
    try {
      method = await stripe.paymentMethods.attach(paymentMethodId, { customer: stripeCustomerId });
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeCardError ||
        error instanceof Stripe.errors.StripeInvalidRequestError
      )
        throw new PaymentsError(
          422,
          PaymentsErrorCode.PaymentMethodRefused,
          `paymentMethodId: ${error.message}`,
          [{ field: 'paymentMethodId', message: error.message }],
        );
      throw error;
    }
    const saved = await this.save(orgId, customerId, method, makeDefault);
    return toResponse(saved);
  }

  /** Makes the method the customer's default, at Stripe (`invoice_settings.default_payment_method`) too. */
  async setDefault(orgId: string, customerId: string, id: string): Promise<PaymentMethodResponse> {
    const method = await this.require(orgId, customerId, id);
    const { stripe } = await this.accounts.get(orgId);
    const stripeCustomerId = (await this.stripeCustomers.find(orgId, customerId))!;
    await stripe.customers.update(stripeCustomerId, {
      invoice_settings: { default_payment_method: method.providerPaymentMethodId },
    });
    return this.tx.run(async (manager) => {
      await this.lockCustomer(manager, orgId, customerId);
      await this.markDefault(manager, orgId, customerId, id);
      return toResponse((await manager.findOneBy(SavedPaymentMethod, { orgId, id }))!);
    });
  }

  /** Detaches the method at Stripe and keeps the row with `detachedAt`; the customer may be left without a default. */
  async detach(orgId: string, customerId: string, id: string): Promise<void> {
    const method = await this.require(orgId, customerId, id);
    const { stripe } = await this.accounts.get(orgId);
    const current = await stripe.paymentMethods.retrieve(method.providerPaymentMethodId);
    if (current.customer) await stripe.paymentMethods.detach(method.providerPaymentMethodId);
    await this.markDetached(orgId, method.providerPaymentMethodId);
  }

  /** The customer's default method, or null when there is none (or no Stripe customer yet). */
  async defaultFor(orgId: string, customerId: string): Promise<DefaultPaymentMethod | null> {
    const stripeCustomerId = await this.stripeCustomers.find(orgId, customerId);
    if (!stripeCustomerId) return null;
    const method = await this.tx.manager.findOneBy(SavedPaymentMethod, {
      orgId,
      customerId,
      isDefault: true,
      detachedAt: IsNull(),
    });
    return method
      ? { stripeCustomerId, providerPaymentMethodId: method.providerPaymentMethodId, type: method.type }
      : null;
  }

  /** `setup_intent.succeeded`: the SetupIntent is re-read, and its method saved for our customer. */
  private async onSetupIntentSucceeded(orgId: string, setupIntentId: string): Promise<void> {
    const { stripe } = await this.accounts.get(orgId);
    const intent = await stripe.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] });
    const customerId = intent.customer
      ? await this.stripeCustomers.customerOf(orgId, idOf(intent.customer)!)
      : null;
    if (intent.status !== 'succeeded' || !customerId || !intent.payment_method) return;
    await this.save(orgId, customerId, intent.payment_method as Stripe.PaymentMethod, false);
  }

  /**
   * `payment_method.attached` / `.detached`: whatever the order of the events, the method's current state at
   * Stripe decides: attached to one of our customers → saved, attached to nobody → detached locally.
   */
  private async sync(orgId: string, paymentMethodId: string): Promise<void> {
    const { stripe } = await this.accounts.get(orgId);
    const method = await stripe.paymentMethods.retrieve(paymentMethodId);
    const stripeCustomerId = idOf(method.customer);
    if (!stripeCustomerId) return this.markDetached(orgId, paymentMethodId);
    const customerId = await this.stripeCustomers.customerOf(orgId, stripeCustomerId);
    if (customerId) await this.save(orgId, customerId, method, false);
    else this.logger.warn(`Payment method ${paymentMethodId} belongs to an unknown Stripe customer`);
  }

  /**
   * Saves (or re-attaches) a method; default when asked or when the customer has none. A method new to the
   * customer tells dunning, which retries what waits for one.
   */
  private async save(
    orgId: string,
    customerId: string,
    method: Stripe.PaymentMethod,
    makeDefault: boolean,
  ): Promise<SavedPaymentMethod> {
    const saved = await this.tx.run(async (manager) => {
      await this.lockCustomer(manager, orgId, customerId);
      const existing = await manager.findOneBy(SavedPaymentMethod, {
        orgId,
        providerPaymentMethodId: method.id,
      });
      const isNew = !existing || existing.detachedAt !== null;
      const row =
        existing ??
        manager.create(SavedPaymentMethod, {
          id: newId(),
          orgId,
          customerId,
          providerPaymentMethodId: method.id,
          type: method.type,
          brand: method.card?.brand ?? null,
          last4: method.card?.last4 ?? method.us_bank_account?.last4 ?? null,
          expMonth: method.card?.exp_month ?? null,
          expYear: method.card?.exp_year ?? null,
          isDefault: false,
          detachedAt: null,
        });
      if (existing) await manager.update(SavedPaymentMethod, { orgId, id: row.id }, { detachedAt: null });
      else await manager.insert(SavedPaymentMethod, row);
      const hasDefault = await manager.existsBy(SavedPaymentMethod, {
        orgId,
        customerId,
        isDefault: true,
        detachedAt: IsNull(),
      });
      const becomesDefault = makeDefault || !hasDefault;
      if (becomesDefault) await this.markDefault(manager, orgId, customerId, row.id);
      if (isNew) await this.dunning.onPaymentMethodAdded(orgId, customerId);
      return { row: (await manager.findOneBy(SavedPaymentMethod, { orgId, id: row.id }))!, becomesDefault };
    });
    if (saved.becomesDefault) {
      const { stripe } = await this.accounts.get(orgId);
      const stripeCustomerId = (await this.stripeCustomers.find(orgId, customerId))!;
      await stripe.customers.update(stripeCustomerId, {
        invoice_settings: { default_payment_method: method.id },
      });
    }
    return saved.row;
  }

  private async markDefault(
    manager: EntityManager,
    orgId: string,
    customerId: string,
    id: string,
  ): Promise<void> {
    await manager.update(SavedPaymentMethod, { orgId, customerId, isDefault: true }, { isDefault: false });
    await manager.update(SavedPaymentMethod, { orgId, id }, { isDefault: true });
  }

  private async markDetached(orgId: string, providerPaymentMethodId: string): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(SavedPaymentMethod)
      .set({ detachedAt: () => 'now()', isDefault: false })
      .where('org_id = :orgId AND provider_payment_method_id = :providerPaymentMethodId', {
        orgId,
        providerPaymentMethodId,
      })
      .andWhere('detached_at IS NULL')
      .execute();
  }

  /** Serialises changes of one customer's methods (one default at a time). */
  private async lockCustomer(manager: EntityManager, orgId: string, customerId: string): Promise<void> {
    await manager.findOne(StripeCustomer, {
      where: { orgId, customerId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async require(orgId: string, customerId: string, id: string): Promise<SavedPaymentMethod> {
    await this.customers.get(orgId, customerId);
    const method = isUuid(id)
      ? await this.tx.manager.findOneBy(SavedPaymentMethod, { orgId, customerId, id, detachedAt: IsNull() })
      : null;
    if (!method) throw new NotFoundError('payment_method', id);
    return method;
  }
}
