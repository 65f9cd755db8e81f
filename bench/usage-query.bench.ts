// Current usage of a subscription (GET /v1/subscriptions/{id}/usage) over 100,000 events of its current
// period, through the real API app, against the same-run ceiling of its aggregation SQL alone (one
// statement, raw pg). Uses its own database (billing_bench_usage_query, dropped afterwards) and a unique
// Redis prefix (deleted afterwards). BENCH_USAGE_EXPLAIN=1 also prints the plan of the aggregation.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DemoAccountService } from '@app/auth';
import { CatalogService } from '@app/catalog';
import { UsageQueryRepository } from '@app/usage';
import { detail, fmt, openSandbox, ratio, result, runBench } from './bench-kit';

const EVENTS = Number(process.env.BENCH_USAGE_EVENTS ?? 100_000);
const OTHER_EVENTS = Math.round(EVENTS / 5); // another customer's events in the same period (not counted)
const REQUESTS = Number(process.env.BENCH_USAGE_REQUESTS ?? 200);
const WARMUP = 20;
const TARGET_P95_MS = 100;
const BENCH_DATABASE = 'billing_bench_usage_query';
const DAY = 86_400_000;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function sample(times: number, work: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  const sandbox = await openSandbox(BENCH_DATABASE, 'bench');
  const benchUrl = sandbox.databaseUrl;
  let app: INestApplication | undefined;
  const client = new Client({ connectionString: benchUrl });
  try {
    await client.connect();
    // Loaded here only: importing the API pulls in its configuration and modules.
    const { createApiApp } = await import('../apps/api/src/create-api-app');
    const { ApiModule } = await import('../apps/api/src/api.module');
    app = await createApiApp(ApiModule);
    await app.listen({ port: 0, host: '127.0.0.1' } as never);
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/v1`;
    const { orgId, apiKey } = await app.get(DemoAccountService).ensure({
      email: 'bench-usage@bench.example',
      password: 'bench usage password 2026',
      name: 'Bench',
      organizationName: 'Bench usage',
    });
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const call = async <T>(path: string, body?: object): Promise<T> => {
      const res = await fetch(`${base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers,
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    const customer = await call<{ id: string }>('/customers', {
      externalId: 'bench-customer',
      name: 'Bench customer',
      billingEmails: ['bench@bench.example'],
      currency: 'EUR',
    });
    const other = await call<{ id: string }>('/customers', {
      externalId: 'bench-other',
      name: 'Other customer',
      billingEmails: ['other@bench.example'],
      currency: 'EUR',
    });
    const calls = await call<{ id: string }>('/billable-metrics', {
      code: 'api_calls',
      name: 'API calls',
      aggregation: 'count',
      filters: [{ key: 'region', values: ['eu', 'us'] }],
    });
    const storage = await call<{ id: string }>('/billable-metrics', {
      code: 'storage_gb',
      name: 'Storage',
      aggregation: 'sum',
      fieldName: 'gb',
    });
    const plan = await call<{ id: string }>('/plans', {
      code: 'bench_plan',
      name: 'Bench plan',
      currency: 'EUR',
      interval: 'week',
      baseFee: 1000,
      trialDays: 0,
      charges: [
        {
          billableMetricCode: 'api_calls',
          model: 'graduated',
          filters: [{ key: 'region', values: ['eu'] }],
          properties: {
            tiers: [
              { from: '0', upTo: '1000', unitAmount: '0.01', flatAmount: '0' },
              { from: '1000', upTo: null, unitAmount: '0.005', flatAmount: '1.00' },
            ],
          },
        },
        {
          billableMetricCode: 'api_calls',
          model: 'standard',
          filters: [{ key: 'region', values: ['us'] }],
          properties: { unitAmount: '0.02' },
        },
        {
          billableMetricCode: 'storage_gb',
          model: 'package',
          properties: { amount: '5.00', packageSize: 100, freeUnits: 50 },
        },
      ],
    });
    const subscription = await call<{ id: string; currentPeriodStart: string }>('/subscriptions', {
      customerId: customer.id,
      planId: plan.id,
      startDate: new Date(Math.floor((Date.now() - 4 * DAY) / 1000) * 1000).toISOString(),
    });

    // Seeding: raw multi-row inserts spread over [period start, now): calls (eu / us) and storage.
    const seed = (customerId: string, count: number, label: string) =>
      client.query(
        `INSERT INTO usage_events (id, org_id, transaction_id, customer_id, metric_id, "timestamp", properties, value)
         SELECT gen_random_uuid(), $1, $6 || g, $2,
                CASE WHEN g % 3 = 2 THEN $4::uuid ELSE $3::uuid END,
                $5::timestamptz + (now() - $5::timestamptz) * random(),
                CASE g % 3 WHEN 0 THEN '{"region":"eu"}'::jsonb WHEN 1 THEN '{"region":"us"}'::jsonb
                           ELSE jsonb_build_object('gb', g % 10) END,
                CASE WHEN g % 3 = 2 THEN (g % 10)::numeric END
           FROM generate_series(1, $7::int) AS g`,
        [orgId, customerId, calls.id, storage.id, subscription.currentPeriodStart, label, count],
      );
    await seed(customer.id, EVENTS, 'bench-');
    await seed(other.id, OTHER_EVENTS, 'other-');
    await client.query('ANALYZE usage_events');
    console.log(
      `usage query: ${fmt(EVENTS)} events of one subscription's current period (+${fmt(OTHER_EVENTS)} of another ` +
        `customer), 3 charges on 2 metrics, ${REQUESTS} sequential requests (database ${BENCH_DATABASE})`,
    );

    const planVersion = await app.get(CatalogService).getPlanVersion(orgId, plan.id);
    const { sql, params } = UsageQueryRepository.buildAggregationSql(
      orgId,
      customer.id,
      new Date(subscription.currentPeriodStart),
      new Date(Date.now() + 7 * DAY),
      planVersion.charges.map((c) => ({
        metricId: c.billableMetricId,
        aggregation: c.aggregation,
        fieldName: c.fieldName,
        filters: c.filters,
      })),
    );
    const endpoint = async () => {
      await call(`/subscriptions/${subscription.id}/usage`);
    };
    const raw = async () => {
      await client.query(sql, params);
    };
    const check = await call<{ charges: { quantity: string }[]; total: { amount: number } }>(
      `/subscriptions/${subscription.id}/usage`,
    );
    detail(
      `quantities ${check.charges.map((c) => c.quantity).join(' / ')}, total ${fmt(check.total.amount)} minor units`,
    );
    const expected = Math.floor(EVENTS / 3) + (EVENTS % 3 >= 1 ? 1 : 0);
    if (check.charges[1].quantity !== String(expected))
      throw new Error(`us calls: expected ${expected}, got ${check.charges[1].quantity}`);

    if (process.env.BENCH_USAGE_EXPLAIN) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      for (const row of rows) detail(String(row['QUERY PLAN']));
    }
    await sample(WARMUP, raw);
    await sample(WARMUP, endpoint);
    const sqlTimes = await sample(REQUESTS, raw);
    const httpTimes = await sample(REQUESTS, endpoint);
    detail(
      `raw aggregation SQL (pg)        p50 ${sqlTimes.p50.toFixed(1)} ms  p95 ${sqlTimes.p95.toFixed(1)} ms`,
    );
    detail(
      `GET /v1/subscriptions/{id}/usage p50 ${httpTimes.p50.toFixed(1)} ms  p95 ${httpTimes.p95.toFixed(1)} ms`,
    );
    detail(`target p95 ≤ ${TARGET_P95_MS} ms: ${httpTimes.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`);
    result(
      `usage query: p50 ${httpTimes.p50.toFixed(1)} ms p95 ${httpTimes.p95.toFixed(1)} ms ` +
        `(raw SQL p95 ${sqlTimes.p95.toFixed(1)} ms, ratio ${ratio(httpTimes.p95, sqlTimes.p95)})`,
    );
  } finally {
    await app?.close();
    await client.end().catch(() => undefined);
    await sandbox.cleanUp();
  }
}

runBench('usage-query', main);
