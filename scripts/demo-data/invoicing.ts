// Invoicing demo data: a billing run over dedicated back-dated subscriptions, plus one-off invoices, so the
// demo organisation holds finalized invoices of every kind (usage of several models, fees in advance and in
// arrears, a minimum-commitment true-up, prorations, a coupon, a default VAT rate, a reverse-charge EU
// customer, credits spent from a grant, a void, an uncollectible, credit notes of both outcomes) under the
// `DEMO` number prefix, and an FX table for reporting in USD.
//
// Everything goes through the API (in process) and the real services; the billing needs the worker's job
// handlers, so the app this runs in imports the WorkerModule and `drainJobs` processes the queues here.
// Idempotent by one marker: once the organisation has invoices, nothing is created and the summary is printed.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { drainJobs } from '@app/core';
import { CustomersService } from '@app/customers';
import { BillingRunsService } from '@app/invoicing';
import { SubscriptionsService } from '@app/subscriptions';
import { PARTITION_MONTHS_AHEAD, UsageIngestService, UsagePartitionsService } from '@app/usage';
import { UsageMetric, hash, propertiesOf, random } from './billing';
import { InjectClient, injectClient } from './inject-client';

const DAY_MS = 24 * 3600 * 1000;
/** The billed subscriptions start this long ago, so one monthly period has ended (about 10 days ago). */
const BILLED_SUBSCRIPTION_AGE_DAYS = 40;
/** Usage older than this is not sent (the ingestion window is 35 days). */
const MAX_USAGE_AGE_MS = 34 * DAY_MS;

const DEMO_INVOICE_PLANS = [
  {
    code: 'support_arrears',
    name: 'Support + storage (billed in arrears)',
    description: 'A monthly support fee billed at the end of the period, storage priced by volume',
    currency: 'USD',
    interval: 'month',
    baseFee: 4_900,
    baseFeeTiming: 'in_arrears',
    charges: [
      {
        billableMetricCode: 'storage_gb',
        model: 'volume',
        properties: {
          tiers: [
            { from: '0', upTo: '100', unitAmount: '0.25', flatAmount: '5' },
            { from: '100', upTo: null, unitAmount: '0.20', flatAmount: '5' },
          ],
        },
      },
    ],
  },
  {
    code: 'commit_usd',
    name: 'Payments with a commitment',
    description: 'Percentage of the payment volume, at least 500.00 a month',
    currency: 'USD',
    interval: 'month',
    baseFee: 0,
    minimumCommitment: 50_000,
    charges: [
      {
        billableMetricCode: 'transactions',
        model: 'percentage',
        properties: { rate: '1.4', fixedAmount: '0.25' },
      },
    ],
  },
];

const address = (city: string, postalCode: string, country: string) => ({ city, postalCode, country });

/** Customers of the billing run: each subscribes 40 days ago; `changeTo` upgrades it mid-period. */
const BILLED_CUSTOMERS = [
  {
    customer: {
      externalId: 'demo-northwind',
      name: 'Northwind Traders',
      billingEmails: ['ap@northwind.example'],
      currency: 'USD',
      timezone: 'UTC',
      billingAddress: address('Seattle', '98101', 'US'),
    },
    plan: 'starter',
    changeTo: 'growth',
    usage: { api_calls: 1_200 },
  },
  {
    customer: {
      externalId: 'demo-hooli',
      name: 'Hooli',
      billingEmails: ['billing@hooli.example'],
      currency: 'USD',
      timezone: 'UTC',
      billingAddress: address('Palo Alto', '94301', 'US'),
    },
    plan: 'support_arrears',
    usage: { storage_gb: 40 },
  },
  {
    customer: {
      externalId: 'demo-contoso',
      name: 'Contoso Ltd',
      billingEmails: ['finance@contoso.example'],
      currency: 'USD',
      timezone: 'UTC',
      billingAddress: address('Redmond', '98052', 'US'),
    },
    plan: 'commit_usd',
    usage: { transactions: 30 },
  },
  {
    customer: {
      externalId: 'demo-lyon',
      name: 'Lyon Logiciels SAS',
      billingEmails: ['factures@lyon-logiciels.example'],
      currency: 'EUR',
      timezone: 'UTC',
      billingAddress: address('Lyon', '69001', 'FR'),
      taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }],
    },
    plan: 'pro_eur',
    reverseCharge: true,
    usage: { api_calls: 300, storage_gb: 20 },
  },
] as const;

/** One-off invoices on the metering demo's customers, each ending in another state. */
const ONE_OFFS = [
  {
    customer: 'demo-acme',
    description: 'Onboarding workshop',
    quantity: '1',
    unitAmount: '1500.00',
    ending: 'open',
  },
  {
    customer: 'demo-globex',
    description: 'Custom integration',
    quantity: '1',
    unitAmount: '800.00',
    ending: 'void',
  },
  {
    customer: 'demo-initech',
    description: 'Data migration',
    quantity: '1',
    unitAmount: '2400.00',
    ending: 'uncollectible',
  },
  {
    customer: 'demo-umbrella',
    description: 'Priority support, quarter',
    quantity: '3',
    unitAmount: '250.00',
    ending: 'reduce_amount_due',
  },
  {
    customer: 'demo-marketly',
    description: 'Hardware security keys',
    quantity: '10',
    unitAmount: '45.00',
    ending: 'customer_credit',
  },
] as const;

interface InvoiceSummary {
  status: string;
  number: string | null;
}

/** Every invoice of the organisation (API pages of 100). */
async function listInvoices(call: InjectClient): Promise<InvoiceSummary[]> {
  const invoices: InvoiceSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await call('GET', `/v1/invoices?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    invoices.push(...(page.data as InvoiceSummary[]));
    cursor = page.hasMore ? (page.nextCursor as string) : null;
  } while (cursor);
  return invoices;
}

async function summarise(call: InjectClient, created: boolean): Promise<string> {
  const invoices = await listInvoices(call);
  const byStatus = new Map<string, number>();
  for (const invoice of invoices) byStatus.set(invoice.status, (byStatus.get(invoice.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ');
  const first = invoices
    .map((i) => i.number)
    .filter((n): n is string => n !== null)
    .sort()[0];
  const notes = (await call('GET', '/v1/credit-notes?limit=100')).data as unknown[];
  return (
    `Invoices: ${created ? 'created' : 'nothing new,'} ${invoices.length} (${statuses}), ` +
    `${notes.length} credit notes; first number ${first ?? '(none)'}`
  );
}

/** Settings, a default VAT rate, a coupon, FX rates: what the invoices below use. */
async function configureInvoicing(call: InjectClient, now: Date): Promise<void> {
  await call('PUT', '/v1/invoicing/settings', { prefix: 'DEMO', defaultPaymentTermsDays: 14 });
  await call('POST', '/v1/tax-rates', {
    name: 'VAT',
    percentage: '20',
    inclusive: false,
    description: 'Standard rate, added to every invoice unless the customer says otherwise',
    isDefault: true,
  });
  await call('POST', '/v1/coupons', {
    code: 'WELCOME10',
    name: '10 % off, forever',
    kind: 'percent',
    percentOff: '10',
    duration: 'forever',
  });
  await call('PUT', '/v1/fx/settings', { reportingCurrency: 'USD' });
  const effectiveDate = new Date(now.getTime() - 90 * DAY_MS).toISOString().slice(0, 10);
  await call('POST', '/v1/fx/rates', {
    rates: [
      { baseCurrency: 'USD', quoteCurrency: 'EUR', rate: '0.92', effectiveDate },
      { baseCurrency: 'USD', quoteCurrency: 'JPY', rate: '151.2', effectiveDate },
    ],
  });
}

/**
 * The billed customers, their back-dated subscriptions, tax treatment, coupon, credits, plan change and the
 * usage of their first (ended) period.
 */
async function prepareBilledSubscriptions(
  app: NestFastifyApplication,
  orgId: string,
  call: InjectClient,
  now: Date,
) {
  for (const plan of DEMO_INVOICE_PLANS) await call('POST', '/v1/plans', plan);
  const start = new Date(
    Math.floor((now.getTime() - BILLED_SUBSCRIPTION_AGE_DAYS * DAY_MS) / DAY_MS) * DAY_MS,
  );
  const events: Record<string, unknown>[] = [];
  for (const billed of BILLED_CUSTOMERS) {
    const customer = await call('POST', '/v1/customers', billed.customer);
    const customerId = customer.id as string;
    if ('reverseCharge' in billed)
      await call('PUT', `/v1/customers/${customerId}/tax-settings`, { treatment: 'reverse_charge' });
    const subscription = await call('POST', '/v1/subscriptions', {
      customerId,
      planCode: billed.plan,
      externalId: `${billed.customer.externalId}-${billed.plan}`,
      startDate: start.toISOString(),
    });
    const periodEnd = new Date(subscription.currentPeriodEnd as string).getTime();
    if ('changeTo' in billed) {
      await call('POST', `/v1/customers/${customerId}/coupons`, { couponCode: 'WELCOME10' });
      await call('POST', `/v1/customers/${customerId}/credits`, {
        amount: 2_000,
        currency: billed.customer.currency,
        type: 'promotional',
        description: 'Welcome credit',
      });
      await call('POST', `/v1/subscriptions/${subscription.id as string}/change-plan`, {
        planCode: billed.changeTo,
        effective: 'now',
        prorationDate: new Date((start.getTime() + periodEnd) / 2).toISOString(),
      });
    }
    const from = Math.max(start.getTime(), now.getTime() - MAX_USAGE_AGE_MS);
    const to = periodEnd - 3_600_000;
    for (const [metric, count] of Object.entries(billed.usage) as [UsageMetric, number][]) {
      const prefix = `demo-billed-${subscription.id as string}-${metric}`;
      const next = random(hash(prefix));
      for (let i = 0; i < count; i++) {
        const progress = (i + next()) / count;
        events.push({
          transactionId: `${prefix}-${i}`,
          customerExternalId: billed.customer.externalId,
          metricCode: metric,
          timestamp: new Date(from + Math.floor((to - from) * progress)).toISOString(),
          properties: propertiesOf(metric, next, progress),
        });
      }
    }
  }
  await app.get(UsagePartitionsService).ensurePartitions(start, PARTITION_MONTHS_AHEAD);
  const results = await app.get(UsageIngestService).ingest(orgId, events);
  const rejected = results.find((r) => r.status === 'rejected');
  if (rejected) throw new Error(`demo seed: a usage event was rejected: ${JSON.stringify(rejected)}`);
}

/** Ends the due periods, records the billing cycles, and runs the billing: every job in this process. */
async function runBilling(app: NestFastifyApplication): Promise<void> {
  await drainJobs(app);
  await app.get(SubscriptionsService).advanceDue();
  await drainJobs(app);
  await app.get(BillingRunsService).start('manual');
  await drainJobs(app);
}

async function createOneOffs(app: NestFastifyApplication, orgId: string, call: InjectClient): Promise<void> {
  for (const { customer: externalId, ending, ...line } of ONE_OFFS) {
    const customer = await app.get(CustomersService).getByExternalId(orgId, externalId);
    const draft = await call('POST', '/v1/invoices', {
      customerId: customer.id,
      memo: 'One-off work (demo)',
      lines: [{ kind: 'one_off', ...line }],
    });
    const id = draft.id as string;
    const [firstLine] = draft.lines as { id: string }[];
    await call('POST', `/v1/invoices/${id}/finalize`);
    if (ending === 'void') await call('POST', `/v1/invoices/${id}/void`);
    if (ending === 'uncollectible') await call('POST', `/v1/invoices/${id}/mark-uncollectible`);
    if (ending === 'reduce_amount_due')
      await call('POST', `/v1/invoices/${id}/credit-notes`, {
        reason: 'product_unsatisfactory',
        memo: 'One month of the quarter was not delivered',
        outcome: 'reduce_amount_due',
        amount: 25_000,
      });
    if (ending === 'customer_credit')
      await call('POST', `/v1/invoices/${id}/credit-notes`, {
        reason: 'order_change',
        memo: 'Two keys returned',
        outcome: 'customer_credit',
        lines: [{ invoiceLineId: firstLine.id, quantity: '2' }],
      });
  }
  await drainJobs(app);
}

/**
 * Seeds the invoicing demo of `orgId` in an (initialised, not listening) app made of the API and the worker.
 * Returns the banner line.
 */
export async function seedInvoicingDemo(
  app: NestFastifyApplication,
  orgId: string,
  apiKey: string,
  now = new Date(),
): Promise<string[]> {
  const call = injectClient(app, apiKey);
  const seeded = ((await call('GET', '/v1/invoices?limit=1')).data as unknown[]).length > 0;
  if (!seeded) {
    await configureInvoicing(call, now);
    await prepareBilledSubscriptions(app, orgId, call, now);
    await runBilling(app);
    await createOneOffs(app, orgId, call);
  }
  return [await summarise(call, !seeded)];
}
