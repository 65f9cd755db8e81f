// Payments demo data: the demo organisation connected to the local Stripe emulator that `npm run demo` starts
// (STRIPE_API_BASE), two customers paying their open invoices by card, one card declined into dunning, a wire
// recorded offline, a card payment partly refunded through a credit note, and a reconciliation of the day
// with Stripe. Everything goes through the API (in process) with the worker's handlers; idempotent by one
// marker: once the organisation has a Stripe payment, nothing is created and the summary is printed.
//
// The emulator keeps its state in memory: after a demo restart the Stripe objects of the previous run are
// gone (a pay-now of an old customer then fails at Stripe); start from a fresh database for a clean demo.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { drainJobs } from '@app/core';
import { InjectClient, injectClient } from './inject-client';

/** The demo's own emulator account (any `sk_test_` key is an account of its own there). */
export const DEMO_STRIPE_SECRET_KEY = 'sk_test_demo_company_0000000000000000';
export const DEMO_STRIPE_WEBHOOK_SECRET = 'whsec_demo_company_0000000000000000';

interface OpenInvoice {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  amountRemaining: number;
}

type Row = Record<string, unknown>;

async function openInvoicesByCustomer(call: InjectClient): Promise<OpenInvoice[][]> {
  const { data } = (await call('GET', '/v1/invoices?status=open&limit=100')) as { data: OpenInvoice[] };
  const byCustomer = new Map<string, OpenInvoice[]>();
  for (const invoice of data.filter((i) => i.amountRemaining > 0))
    byCustomer.set(invoice.customerId, [...(byCustomer.get(invoice.customerId) ?? []), invoice]);
  return [...byCustomer.values()];
}

const saveCard = (call: InjectClient, customerId: string, token: string) =>
  call('POST', `/v1/customers/${customerId}/payment-methods`, { paymentMethodId: token, default: true });

async function createPayments(app: NestFastifyApplication, call: InjectClient, now: Date) {
  const customers = await openInvoicesByCustomer(call);
  if (customers.length < 4)
    throw new Error(`the payments demo needs 4 customers with open invoices, found ${customers.length}`);
  const [cardA, cardB, declined, wire] = customers;

  let refundable: { paymentId: string; invoice: OpenInvoice } | null = null;
  for (const invoices of [cardA, cardB]) {
    await saveCard(call, invoices[0].customerId, 'pm_card_visa');
    for (const invoice of invoices) {
      const attempt = await call('POST', `/v1/invoices/${invoice.id}/pay`);
      refundable ??= { paymentId: (attempt.payment as Row).id as string, invoice };
    }
  }

  // A card that attaches but declines every charge: the attempt fails and the invoice enters dunning.
  await saveCard(call, declined[0].customerId, 'pm_card_chargeCustomerFail');
  const refused = await call('POST', `/v1/invoices/${declined[0].id}/pay`);
  if (refused.status !== 'failed')
    throw new Error(`the declined card's attempt is ${String(refused.status)}`);

  await call('POST', '/v1/payments', {
    customerId: wire[0].customerId,
    amount: wire[0].amountRemaining,
    currency: wire[0].currency,
    method: 'bank_transfer',
    reference: 'WIRE-DEMO-0001',
    allocations: [{ invoiceId: wire[0].id, amount: wire[0].amountRemaining }],
  });

  if (refundable) {
    const note = await call('POST', `/v1/invoices/${refundable.invoice.id}/credit-notes`, {
      reason: 'product_unsatisfactory',
      memo: 'Service outage: a quarter of the invoice refunded',
      outcome: 'refund',
      amount: Math.floor(refundable.invoice.amountRemaining / 4),
    });
    await call('POST', `/v1/credit-notes/${note.id as string}/refund`, { paymentId: refundable.paymentId });
  }
  await drainJobs(app);

  const run = await call('POST', '/v1/payments/reconciliations', {
    from: new Date(now.getTime() - 86_400_000).toISOString(),
    to: new Date().toISOString(),
  });
  await drainJobs(app);
  return run.id as string;
}

async function summarise(call: InjectClient, created: boolean): Promise<string> {
  const { data: payments } = (await call('GET', '/v1/payments?limit=100')) as { data: Row[] };
  const card = payments.filter((p) => p.provider === 'stripe');
  const { data: runs } = (await call('GET', '/v1/payments/reconciliations?limit=1')) as { data: Row[] };
  const run = runs[0];
  const { data: dunning } = (await call('GET', '/v1/dunning?status=active')) as { data: unknown[] };
  const counts = (status: string) => card.filter((p) => p.status === status).length;
  return (
    `Payments: ${created ? 'created' : 'already there:'} ${card.length} card payments ` +
    `(${counts('succeeded')} succeeded, ${counts('partially_refunded')} partly refunded, ${counts('failed')} declined), ` +
    `${payments.length - card.length} offline, ${dunning.length} invoice(s) in dunning; ` +
    (run ? `reconciliation ${run.status as string}` : 'no reconciliation yet')
  );
}

/** Seeds the payments demo of the organisation in an app made of the API and the worker. */
export async function seedPaymentsDemo(
  app: NestFastifyApplication,
  apiKey: string,
  now = new Date(),
): Promise<string[]> {
  const call = injectClient(app, apiKey);
  await call('PUT', '/v1/payments/stripe', {
    secretKey: DEMO_STRIPE_SECRET_KEY,
    webhookSecret: DEMO_STRIPE_WEBHOOK_SECRET,
  });
  const { data } = (await call('GET', '/v1/payments?limit=100')) as { data: Row[] };
  const seeded = data.some((p) => p.provider === 'stripe');
  if (!seeded) await createPayments(app, call, now);
  return [await summarise(call, !seeded)];
}
