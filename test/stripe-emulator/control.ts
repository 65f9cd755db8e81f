import { FaultInjector, FaultSpec } from './faults/fault-injector';
import { BalanceEntry, recordBalanceTransaction } from './resources/balance-transactions';
import { ResourceContext } from './resources/context';
import { closeDispute, expireOverdueDisputes, openDispute } from './resources/disputes';
import { completeAuthentication, settleProcessing } from './resources/payment-attempts';
import { failRefund } from './resources/refunds';
import { succeedSetup } from './resources/setup-intents';
import { testCard } from './resources/test-cards';
import { Account } from './state/account';
import { EmulatorState } from './state/emulator-state';
import { StripeObject } from './state/object-store';
import { BalanceTransaction, Dispute, PaymentIntent, Refund, StripeEvent } from './state/objects';
import {
  DeliveryAttempt,
  DeliverySettings,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointSpec,
} from './webhooks/delivery';

const OBJECT_KINDS = {
  customers: (a: Account) => a.customers,
  payment_methods: (a: Account) => a.paymentMethods,
  setup_intents: (a: Account) => a.setupIntents,
  payment_intents: (a: Account) => a.paymentIntents,
  charges: (a: Account) => a.charges,
  refunds: (a: Account) => a.refunds,
  disputes: (a: Account) => a.disputes,
  balance_transactions: (a: Account) => a.balanceTransactions,
  events: (a: Account) => a.events,
};
export type ObjectKind = keyof typeof OBJECT_KINDS;

export function isObjectKind(kind: string): kind is ObjectKind {
  return Object.hasOwn(OBJECT_KINDS, kind);
}

/**
 * What tests (and, over HTTP, the demo) use to steer the emulator: webhook endpoints and delivery switches,
 * fault injection, the clock, and the asynchronous outcomes Stripe decides on its own (3-D Secure,
 * bank-debit settlement, disputes, failed refunds). Everything is per account, named by its secret key.
 */
export class EmulatorControl {
  constructor(
    private readonly state: EmulatorState,
    private readonly delivery: WebhookDelivery,
    private readonly faults: FaultInjector,
  ) {}

  addWebhookEndpoint(spec: WebhookEndpointSpec): WebhookEndpoint {
    return this.delivery.addEndpoint(spec);
  }

  removeWebhookEndpoint(id: string): boolean {
    return this.delivery.removeEndpoint(id);
  }

  configureDelivery(changes: Partial<DeliverySettings>): DeliverySettings {
    return this.delivery.configure(changes);
  }

  pauseDeliveries(): void {
    this.delivery.configure({ paused: true });
  }

  resumeDeliveries(): void {
    this.delivery.configure({ paused: false });
  }

  /** Sends every queued event now (even while paused) and waits for the answers. */
  flushDeliveries(): Promise<void> {
    return this.delivery.flush();
  }

  /** Waits until no delivery is in flight, retrying or due (events held by a pause stay queued). */
  deliveriesIdle(): Promise<void> {
    return this.delivery.idle();
  }

  deliveryAttempts(): DeliveryAttempt[] {
    return this.delivery.attempts.map((a) => ({ ...a }));
  }

  injectFault(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Moves emulator time on; disputes past their evidence deadline without an answer are lost. */
  advanceTime(seconds: number): number {
    const now = this.state.clock.advance(seconds);
    for (const account of this.state.allAccounts()) expireOverdueDisputes(this.context(account.apiKey));
    return now;
  }

  now(): number {
    return this.state.clock.now();
  }

  /** Copies of an account's objects in creation order (e.g. to assert exactly one PaymentIntent). */
  objects<T extends StripeObject = StripeObject>(apiKey: string, kind: ObjectKind): T[] {
    return OBJECT_KINDS[kind](this.state.account(apiKey))
      .all()
      .map((o) => structuredClone(o) as unknown as T);
  }

  paymentIntents(apiKey: string): PaymentIntent[] {
    return this.objects<PaymentIntent>(apiKey, 'payment_intents');
  }

  events(apiKey: string): StripeEvent[] {
    return this.objects<StripeEvent>(apiKey, 'events');
  }

  /** Clears or bounces a bank debit left in `processing` (default: what its test account does). */
  settlePaymentIntent(apiKey: string, intentId: string, outcome?: 'succeeded' | 'failed'): PaymentIntent {
    const ctx = this.context(apiKey);
    const intent = ctx.account.paymentIntents.require(intentId);
    settleProcessing(ctx, intent, outcome);
    return structuredClone(intent);
  }

  /** The customer passes (or fails) 3-D Secure for a PaymentIntent or SetupIntent in `requires_action`. */
  completeAuthentication(apiKey: string, intentId: string, success = true): StripeObject {
    const ctx = this.context(apiKey);
    const setup = ctx.account.setupIntents.get(intentId);
    if (setup && setup.status === 'requires_action') {
      if (success) succeedSetup(ctx, setup);
      else {
        Object.assign(setup, { status: 'requires_payment_method', next_action: null, payment_method: null });
        ctx.emit('setup_intent.setup_failed', setup);
      }
      return structuredClone(setup);
    }
    const intent = ctx.account.paymentIntents.require(intentId);
    completeAuthentication(ctx, intent, success);
    return structuredClone(intent);
  }

  openDispute(apiKey: string, chargeId: string, kind: 'fraudulent' | 'inquiry' = 'fraudulent'): Dispute {
    return structuredClone(openDispute(this.context(apiKey), chargeId, kind));
  }

  closeDispute(apiKey: string, disputeId: string, outcome: 'won' | 'lost'): Dispute {
    const ctx = this.context(apiKey);
    return structuredClone(closeDispute(ctx, ctx.account.disputes.require(disputeId), outcome));
  }

  failRefund(apiKey: string, refundId: string, reason?: string): Refund {
    const ctx = this.context(apiKey);
    return structuredClone(failRefund(ctx, ctx.account.refunds.require(refundId), reason));
  }

  /** Makes a saved payment method behave like another test card from now on (e.g. a card that gets stolen). */
  setPaymentMethodBehaviour(apiKey: string, paymentMethodId: string, token: string): void {
    const account = this.state.account(apiKey);
    account.paymentMethods.require(paymentMethodId);
    const card = testCard(token);
    if (!card) throw new Error(`unknown test token ${token}`);
    account.cardBehaviour.set(paymentMethodId, card);
  }

  /** A balance transaction Stripe has but the platform never saw (reconciliation tests). */
  plantBalanceTransaction(apiKey: string, entry: BalanceEntry): BalanceTransaction {
    return structuredClone(recordBalanceTransaction(this.context(apiKey), entry));
  }

  /** Forgets an object at "Stripe" (reconciliation tests); false when the account has no such id. */
  deleteObject(apiKey: string, id: string): boolean {
    return this.state.account(apiKey).delete(id);
  }

  /** Forgets all accounts, endpoints, switches, faults and clock moves. */
  reset(): void {
    this.state.reset();
    this.delivery.reset();
    this.faults.clear();
  }

  private context(apiKey: string): ResourceContext {
    return this.state.context(this.state.account(apiKey), null);
  }
}
