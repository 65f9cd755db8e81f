// Billing demo data for the demo organisation: billable metrics, plans of every charge model (USD) plus a
// EUR and a JPY plan, customers in USD/EUR/JPY, a subscription each and a month of usage. Idempotent: every
// object is looked up by its code or external id first and created only when missing; usage events carry
// transaction ids derived from the subscription and its current period, so a replay is a duplicate.
//
// Metrics and plans are created through the HTTP API (in process, Fastify inject: no port) because the
// catalog exports no write service; customers and subscriptions too, so that every body goes through the
// API's validation. Lookups and usage ingestion use the exported services.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError } from '@app/core';
import { CatalogService } from '@app/catalog';
import { CustomersService } from '@app/customers';
import { SubscriptionsService } from '@app/subscriptions';
import { PARTITION_MONTHS_AHEAD, UsageIngestService, UsagePartitionsService } from '@app/usage';
import { injectClient } from './inject-client';

const DAY_MS = 24 * 3600 * 1000;
/** Usage older than this is not sent (the ingestion window is 35 days). */
const MAX_USAGE_AGE_MS = 34 * DAY_MS;
/** How long before "now" a new demo subscription starts, so its current period holds weeks of usage. */
const SUBSCRIPTION_AGE_DAYS = 25;
const INGEST_BATCH = 1_000;

export const DEMO_METRICS = [
  { code: 'api_calls', name: 'API calls', aggregation: 'count', description: 'Requests to the API' },
  {
    code: 'storage_gb',
    name: 'Storage (GB)',
    aggregation: 'max',
    fieldName: 'gb',
    description: 'Peak storage in the period',
  },
  {
    code: 'transactions',
    name: 'Transaction volume',
    aggregation: 'sum',
    fieldName: 'amount',
    description: 'Payment volume processed, in major units',
  },
] as const;

const tiers = (rows: [string, string | null, string, string][]) =>
  rows.map(([from, upTo, unitAmount, flatAmount]) => ({ from, upTo, unitAmount, flatAmount }));

export const DEMO_PLANS = [
  {
    code: 'starter',
    name: 'Starter',
    description: 'Standard: a flat price per API call on top of a monthly fee',
    currency: 'USD',
    interval: 'month',
    baseFee: 2_900,
    charges: [{ billableMetricCode: 'api_calls', model: 'standard', properties: { unitAmount: '0.002' } }],
  },
  {
    code: 'growth',
    name: 'Growth',
    description: 'Graduated: the first 500 calls are free, then cheaper per call as usage grows',
    currency: 'USD',
    interval: 'month',
    baseFee: 9_900,
    charges: [
      {
        billableMetricCode: 'api_calls',
        model: 'graduated',
        properties: {
          tiers: tiers([
            ['0', '500', '0', '0'],
            ['500', '5000', '0.01', '0'],
            ['5000', null, '0.005', '0'],
          ]),
        },
      },
    ],
  },
  {
    code: 'storage',
    name: 'Storage',
    description: 'Volume: every GB at the price of the tier the peak falls in',
    currency: 'USD',
    interval: 'month',
    baseFee: 0,
    charges: [
      {
        billableMetricCode: 'storage_gb',
        model: 'volume',
        properties: {
          tiers: tiers([
            ['0', '100', '0.25', '5'],
            ['100', '1000', '0.20', '5'],
            ['1000', null, '0.15', '0'],
          ]),
        },
      },
    ],
  },
  {
    code: 'api_blocks',
    name: 'API blocks',
    description: 'Package: API calls sold in blocks of 100 after 100 free calls',
    currency: 'USD',
    interval: 'month',
    baseFee: 0,
    charges: [
      {
        billableMetricCode: 'api_calls',
        model: 'package',
        properties: { amount: '1.50', packageSize: 100, freeUnits: 100 },
      },
    ],
  },
  {
    code: 'payments',
    name: 'Payments',
    description: 'Percentage: 1.4 % of the volume plus 0.25 per transaction',
    currency: 'USD',
    interval: 'month',
    baseFee: 0,
    charges: [
      {
        billableMetricCode: 'transactions',
        model: 'percentage',
        properties: { rate: '1.4', fixedAmount: '0.25' },
      },
    ],
  },
  {
    code: 'pro_eur',
    name: 'Pro (EUR)',
    description: 'Monthly fee, API calls and storage, in euros',
    currency: 'EUR',
    interval: 'month',
    baseFee: 4_900,
    charges: [
      { billableMetricCode: 'api_calls', model: 'standard', properties: { unitAmount: '0.0018' } },
      {
        billableMetricCode: 'storage_gb',
        model: 'graduated',
        properties: {
          tiers: tiers([
            ['0', '50', '0', '0'],
            ['50', null, '0.18', '0'],
          ]),
        },
      },
    ],
  },
  {
    code: 'team_jpy',
    name: 'Team (JPY)',
    description: 'Monthly fee, API calls and storage, in yen',
    currency: 'JPY',
    interval: 'month',
    baseFee: 5_000,
    charges: [
      { billableMetricCode: 'api_calls', model: 'standard', properties: { unitAmount: '0.3' } },
      {
        billableMetricCode: 'storage_gb',
        model: 'package',
        properties: { amount: '500', packageSize: 100, freeUnits: 0 },
      },
    ],
  },
];

/** A customer, the plan it subscribes to and how many events of each metric a month of its usage has. */
export const DEMO_CUSTOMERS = [
  {
    externalId: 'demo-acme',
    name: 'Acme Inc.',
    billingEmails: ['billing@acme.example'],
    currency: 'USD',
    timezone: 'America/New_York',
    locale: 'en-US',
    billingAddress: {
      line1: '1 Market St',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94105',
      country: 'US',
    },
    plan: 'starter',
    usage: { api_calls: 700 },
  },
  {
    externalId: 'demo-globex',
    name: 'Globex Corporation',
    billingEmails: ['ap@globex.example'],
    currency: 'USD',
    timezone: 'America/Chicago',
    locale: 'en-US',
    billingAddress: {
      line1: '200 Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    plan: 'growth',
    usage: { api_calls: 900 },
  },
  {
    externalId: 'demo-initech',
    name: 'Initech',
    billingEmails: ['finance@initech.example'],
    currency: 'USD',
    timezone: 'America/Los_Angeles',
    locale: 'en-US',
    billingAddress: { city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' },
    plan: 'storage',
    usage: { storage_gb: 120 },
  },
  {
    externalId: 'demo-umbrella',
    name: 'Umbrella Labs',
    billingEmails: ['billing@umbrella.example'],
    currency: 'USD',
    timezone: 'UTC',
    locale: 'en-GB',
    billingAddress: { city: 'London', postalCode: 'EC1A 1BB', country: 'GB' },
    plan: 'api_blocks',
    usage: { api_calls: 600 },
  },
  {
    externalId: 'demo-marketly',
    name: 'Marketly',
    billingEmails: ['payments@marketly.example'],
    currency: 'USD',
    timezone: 'America/New_York',
    locale: 'en-US',
    billingAddress: { city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    plan: 'payments',
    usage: { transactions: 500 },
  },
  {
    externalId: 'demo-berlin',
    name: 'Berliner Software GmbH',
    billingEmails: ['rechnung@berliner-software.example'],
    currency: 'EUR',
    timezone: 'Europe/Berlin',
    locale: 'de-DE',
    billingAddress: { line1: 'Friedrichstraße 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
    plan: 'pro_eur',
    usage: { api_calls: 500, storage_gb: 60 },
  },
  {
    externalId: 'demo-tokyo',
    name: 'Tokyo Devices K.K.',
    billingEmails: ['keiri@tokyo-devices.example'],
    currency: 'JPY',
    timezone: 'Asia/Tokyo',
    locale: 'ja-JP',
    billingAddress: { city: 'Tokyo', postalCode: '100-0001', country: 'JP' },
    plan: 'team_jpy',
    usage: { api_calls: 400, storage_gb: 60 },
  },
];

export type UsageMetric = (typeof DEMO_METRICS)[number]['code'];

/** A small deterministic PRNG (mulberry32): the same demo data on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const hash = (text: string): number =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);

/** The properties of one event of `metric`, drawn from `next`; `progress` (0..1) lets storage grow. */
export function propertiesOf(
  metric: UsageMetric,
  next: () => number,
  progress: number,
): Record<string, unknown> {
  if (metric === 'storage_gb') return { gb: Math.round((40 + 80 * progress + 10 * next()) * 100) / 100 };
  if (metric === 'transactions')
    return {
      amount: (5 + Math.floor(next() * 49_500) / 100).toFixed(2),
      method: next() < 0.7 ? 'card' : 'sepa',
    };
  return { endpoint: ['/v1/orders', '/v1/search', '/v1/users'][Math.floor(next() * 3)] };
}

const isNotFound = (error: unknown): boolean => error instanceof AppError && error.status === 404;

async function exists(lookup: () => Promise<unknown>): Promise<boolean> {
  try {
    await lookup();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

const summary = (kind: string, created: string[], total: number): string =>
  `${kind}: ${created.length ? `created ${created.join(', ')}` : 'nothing new'} (${total} in the demo)`;

/**
 * Seeds the billing demo data of `orgId` in the (initialised, not listening) API app, using `apiKey` for the
 * HTTP calls. Returns the banner lines.
 */
export async function seedBillingDemo(
  app: NestFastifyApplication,
  orgId: string,
  apiKey: string,
  now = new Date(),
): Promise<string[]> {
  const call = injectClient(app, apiKey);
  const post = (url: string, payload: object) => call('POST', url, payload);
  const catalog = app.get(CatalogService);
  const customers = app.get(CustomersService);
  const subscriptions = app.get(SubscriptionsService);
  const lines: string[] = [];

  const metrics: string[] = [];
  for (const metric of DEMO_METRICS) {
    if (await exists(() => catalog.getMetricByCode(orgId, metric.code))) continue;
    await post('/v1/billable-metrics', metric);
    metrics.push(`${metric.code} (${metric.aggregation})`);
  }
  lines.push(summary('Billable metrics', metrics, DEMO_METRICS.length));

  const plans: string[] = [];
  for (const plan of DEMO_PLANS) {
    if (await exists(() => catalog.getLatestPlan(orgId, plan.code))) continue;
    await post('/v1/plans', plan);
    plans.push(`${plan.code} (${plan.charges.map((c) => c.model).join('+')}, ${plan.currency})`);
  }
  lines.push(summary('Plans', plans, DEMO_PLANS.length));

  const created: string[] = [];
  for (const { plan: _plan, usage: _usage, ...customer } of DEMO_CUSTOMERS) {
    if (await exists(() => customers.getByExternalId(orgId, customer.externalId))) continue;
    await post('/v1/customers', customer);
    created.push(`${customer.externalId} (${customer.currency})`);
  }
  lines.push(summary('Customers', created, DEMO_CUSTOMERS.length));

  const subscribed: string[] = [];
  const start = new Date(Math.floor((now.getTime() - SUBSCRIPTION_AGE_DAYS * DAY_MS) / DAY_MS) * DAY_MS);
  for (const customer of DEMO_CUSTOMERS) {
    const externalId = `${customer.externalId}-${customer.plan}`;
    if (await exists(() => subscriptions.getByExternalId(orgId, externalId))) continue;
    await post('/v1/subscriptions', {
      customerExternalId: customer.externalId,
      planCode: customer.plan,
      externalId,
      startDate: start.toISOString(),
    });
    subscribed.push(`${customer.externalId} -> ${customer.plan}`);
  }
  lines.push(summary('Subscriptions', subscribed, DEMO_CUSTOMERS.length));

  // Usage of the current period of each subscription, up to now, never older than the ingestion window.
  const events: Record<string, unknown>[] = [];
  let earliest = now;
  for (const customer of DEMO_CUSTOMERS) {
    const subscription = await subscriptions.getByExternalId(
      orgId,
      `${customer.externalId}-${customer.plan}`,
    );
    const periodStart = new Date(subscription.currentPeriodStart);
    const from = Math.max(periodStart.getTime(), now.getTime() - MAX_USAGE_AGE_MS);
    const to = now.getTime() - 60_000;
    if (to <= from) continue;
    if (from < earliest.getTime()) earliest = new Date(from);
    for (const [metric, count] of Object.entries(customer.usage) as [UsageMetric, number][]) {
      const prefix = `demo-${subscription.id}-${periodStart.toISOString().slice(0, 10)}-${metric}`;
      const next = random(hash(prefix));
      for (let i = 0; i < count; i++) {
        const progress = (i + next()) / count;
        events.push({
          transactionId: `${prefix}-${i}`,
          customerExternalId: customer.externalId,
          metricCode: metric,
          timestamp: new Date(from + Math.floor((to - from) * progress)).toISOString(),
          properties: propertiesOf(metric, next, progress),
        });
      }
    }
  }
  await app.get(UsagePartitionsService).ensurePartitions(earliest, PARTITION_MONTHS_AHEAD);
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  let firstRejection: string | undefined;
  for (let i = 0; i < events.length; i += INGEST_BATCH) {
    const results = await app.get(UsageIngestService).ingest(orgId, events.slice(i, i + INGEST_BATCH));
    for (const result of results) {
      counts[result.status] += 1;
      if (result.status === 'rejected') firstRejection ??= `${result.reason}: ${result.message}`;
    }
  }
  lines.push(
    `Usage events (current periods, since ${earliest.toISOString().slice(0, 10)}): ${counts.accepted} new, ` +
      `${counts.duplicate} already stored` +
      (counts.rejected ? `, ${counts.rejected} REJECTED (first: ${firstRejection})` : ''),
  );
  return lines;
}
