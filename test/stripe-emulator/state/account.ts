import { TestCard } from '../resources/test-cards';
import { ObjectStore, StripeObject } from './object-store';
import {
  BalanceTransaction,
  Charge,
  Customer,
  Dispute,
  PaymentIntent,
  PaymentMethod,
  Refund,
  SetupIntent,
  StripeEvent,
} from './objects';

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
}

/** Everything one secret key sees: each org uses its own key, so accounts never share objects. */
export class Account {
  readonly customers = new ObjectStore<Customer>('customer');
  readonly paymentMethods = new ObjectStore<PaymentMethod>('PaymentMethod');
  readonly setupIntents = new ObjectStore<SetupIntent>('setupintent');
  readonly paymentIntents = new ObjectStore<PaymentIntent>('payment_intent');
  readonly charges = new ObjectStore<Charge>('charge');
  readonly refunds = new ObjectStore<Refund>('refund');
  readonly disputes = new ObjectStore<Dispute>('dispute');
  readonly balanceTransactions = new ObjectStore<BalanceTransaction>('balance_transaction');
  readonly events = new ObjectStore<StripeEvent>('event');

  /** How each PaymentMethod behaves when charged (the test card it came from, or what a test set). */
  readonly cardBehaviour = new Map<string, TestCard>();
  /** PaymentMethods that went through a SetupIntent (no more authentication for "on setup" cards). */
  readonly setUpPaymentMethods = new Set<string>();
  readonly idempotency = new Map<string, StoredResponse>();
  apiVersion: string | null = null;

  constructor(readonly apiKey: string) {}

  stores(): ObjectStore<StripeObject>[] {
    return [
      this.customers,
      this.paymentMethods,
      this.setupIntents,
      this.paymentIntents,
      this.charges,
      this.refunds,
      this.disputes,
      this.balanceTransactions,
      this.events,
    ];
  }

  find(id: string): StripeObject | undefined {
    for (const store of this.stores()) {
      const found = store.get(id);
      if (found) return found;
    }
    return undefined;
  }

  /** Forgets an object (reconciliation tests: "exists locally, missing at Stripe"). */
  delete(id: string): boolean {
    return this.stores().some((store) => store.delete(id));
  }
}
