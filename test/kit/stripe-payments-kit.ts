import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { LedgerAccount } from '@app/ledger';
import { SignedUpUser, asUser } from './auth-test-kit';
import { CustomerBody, createCustomer } from './customers-test-kit';
import { InvoiceBody, createFinalizedInvoice } from './invoicing-test-kit';
import { PaymentsTestApp } from './stripe-test-kit';
import { assertCustomerLedger, ledgerBalance } from './ledger-test-kit';
import { stripeClientOptions } from '../stripe-emulator';

export interface PaidInvoice {
  customer: CustomerBody;
  invoice: InvoiceBody;
  payment: { id: string; amount: number; [key: string]: unknown };
  intent: Stripe.PaymentIntent | null;
}

/** A `send_invoice` customer (no automatic collection) with one finalized invoice of 10000 EUR (the kit's). */
async function customerWithInvoice(t: PaymentsTestApp, user: SignedUpUser) {
  const customer = await createCustomer(t, user, { currency: 'EUR', collectionMethod: 'send_invoice' });
  const invoice = await createFinalizedInvoice(t, user, { customerId: customer.id });
  return { customer, invoice };
}

/** The invoice paid by a manual payment of `amount` (the rest becomes customer credit). */
export async function manuallyPaidInvoice(
  t: PaymentsTestApp,
  user: SignedUpUser,
  amount = 10000,
): Promise<PaidInvoice> {
  const { customer, invoice } = await customerWithInvoice(t, user);
  const res = await asUser(t, user)
    .post('/v1/payments', { customerId: customer.id, amount, currency: 'EUR', method: 'bank_transfer' })
    .expect(201);
  return { customer, invoice, payment: res.body as PaidInvoice['payment'], intent: null };
}

/**
 * The invoice paid by card at Stripe: a confirmed PaymentIntent made with the SDK, recorded as a payment of
 * the invoice (its allocation and journals are an offline payment's, then the row is marked as Stripe's).
 */
export async function stripePaidInvoice(
  t: PaymentsTestApp,
  user: SignedUpUser,
  apiKey: string,
  card = 'pm_card_visa',
): Promise<PaidInvoice> {
  const stripe = new Stripe(apiKey, { ...stripeClientOptions(t.emulator.url), maxNetworkRetries: 2 });
  const paid = await manuallyPaidInvoice(t, user);
  // Held back until the payment row names the PaymentIntent (a dispute opens right after the charge).
  t.emulator.control.pauseDeliveries();
  try {
    const intent = await stripe.paymentIntents.create({
      amount: 10000,
      currency: 'eur',
      payment_method: card,
      confirm: true,
    });
    await t.app
      .get(DataSource)
      .query(
        `UPDATE payments SET provider = 'stripe', method = 'card', provider_payment_id = $1, provider_charge_id = $2 WHERE id = $3`,
        [intent.id, intent.latest_charge, paid.payment.id],
      );
    return { ...paid, intent };
  } finally {
    t.emulator.control.resumeDeliveries();
  }
}

/**
 * docs/ledger.md invariants after refunds and disputes: journals balance; the customer's receivables are its
 * open invoices and its ledger credit its credit balance; the refunds account holds the credit notes whose
 * refund is pending; cash clearing is what the org's payments brought in, less refunds and what disputes
 * withdrew (amount and fee); disputed funds are what open disputes hold.
 */
export async function assertBooks(t: PaymentsTestApp, orgId: string, customerId: string): Promise<void> {
  const db = t.app.get(DataSource);
  const balance = (account: LedgerAccount) => ledgerBalance(t.app, orgId, 'EUR', account);
  const sum = async (sql: string): Promise<number> =>
    Number((await db.query<{ sum: string }[]>(sql, [orgId]))[0].sum);
  await assertCustomerLedger(t.app, orgId, customerId);
  expect(await balance(LedgerAccount.Refunds)).toBe(
    await sum(
      `SELECT coalesce(sum(total), 0) AS sum FROM credit_notes WHERE org_id = $1 AND refund_status = 'pending'`,
    ),
  );
  const received = await sum(
    `SELECT coalesce(sum(amount), 0) AS sum FROM payments
      WHERE org_id = $1 AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')`,
  );
  const refunded = await sum(
    `SELECT coalesce(sum(amount), 0) AS sum FROM refunds WHERE org_id = $1 AND status = 'succeeded'`,
  );
  const withdrawn = await sum(
    `SELECT coalesce(sum(CASE WHEN status = 'won' THEN 0 ELSE amount END + coalesce(fee, 0)), 0) AS sum
       FROM disputes WHERE org_id = $1 AND status NOT LIKE 'warning_%'`,
  );
  expect(await balance(LedgerAccount.CashClearing)).toBe(received - refunded - withdrawn);
  expect(await balance(LedgerAccount.DisputedFunds)).toBe(
    await sum(
      `SELECT coalesce(sum(amount), 0) AS sum FROM disputes
        WHERE org_id = $1 AND closed_at IS NULL AND status NOT LIKE 'warning_%'`,
    ),
  );
}
