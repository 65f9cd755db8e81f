// A billing run over N active subscriptions with usage (default 10,000 then 50,000), run to completion: every
// invoice finalized and its ledger posted, by the real worker (billing.start-run → billing.bill-cycles jobs) in
// this process. The same-run ceiling is a raw batched INSERT of the same rows (invoices, lines, journals, journal
// lines) into copies of those tables. Uses its own database (billing_bench_billing_run, dropped afterwards) and a
// unique Redis prefix. BENCH_BILLING_SIZES=10000,50000 sets the sizes.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DemoAccountService } from '@app/auth';
import { CustomersService } from '@app/customers';
import { BillingRunsService } from '@app/invoicing';
import { LedgerService } from '@app/ledger';
import { SubscriptionsService } from '@app/subscriptions';
import { UsageIngestService } from '@app/usage';
import { detail, fmt, openSandbox, ratio, result, runBench, timed } from './bench-kit';

const SIZES = (process.env.BENCH_BILLING_SIZES ?? '10000,50000').split(',').map(Number);
const EVENTS_PER_SUBSCRIPTION = 3;
const SEED_CONCURRENCY = 16;
const TARGET_SECONDS_10K = 60;
const TARGET_GROWTH = 5.5;
const BENCH_DATABASE = 'billing_bench_billing_run';
const DAY = 86_400_000;
/** The tables a billed invoice writes, and how to find this run's rows in each. */
const WRITTEN_TABLES: { table: string; where: string }[] = [
  { table: 'invoices', where: 'id = ANY($1)' },
  { table: 'invoice_lines', where: 'invoice_id = ANY($1)' },
  { table: 'ledger_journals', where: `source_type = 'invoice' AND source_id = ANY($1::text[])` },
  {
    table: 'ledger_lines',
    where: `journal_id IN (SELECT id FROM ledger_journals WHERE source_type = 'invoice' AND source_id = ANY($1::text[]))`,
  },
];

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

interface Seeded {
  planCode: string;
  metricCode: string;
}

/** `count` customers, each subscribed 40 days ago (its first month ended ~10 days ago) with usage in it. */
async function seedSubscriptions(
  app: INestApplication,
  orgId: string,
  label: string,
  count: number,
  s: Seeded,
) {
  const customers = app.get(CustomersService);
  const subscriptions = app.get(SubscriptionsService);
  const started = new Date(Math.floor((Date.now() - 40 * DAY) / 1000) * 1000).toISOString();
  const indexes = Array.from({ length: count }, (_, i) => i);
  await inParallel(indexes, SEED_CONCURRENCY, async (i) => {
    const customer = await customers.create(orgId, {
      externalId: `${label}-${i}`,
      name: `Customer ${label}-${i}`,
      billingEmails: [`billing-${label}-${i}@bench.example`],
      currency: 'EUR',
    });
    await subscriptions.create(orgId, { customerId: customer.id, planCode: s.planCode, startDate: started });
  });
  const ingest = app.get(UsageIngestService);
  const at = new Date(Date.now() - 30 * DAY).toISOString();
  for (let from = 0; from < count; from += 1000 / EVENTS_PER_SUBSCRIPTION) {
    const events = indexes.slice(from, from + 1000 / EVENTS_PER_SUBSCRIPTION).flatMap((i) =>
      Array.from({ length: EVENTS_PER_SUBSCRIPTION }, (_, e) => ({
        transactionId: `${label}-${i}-${e}`,
        customerExternalId: `${label}-${i}`,
        metricCode: s.metricCode,
        timestamp: at,
        properties: { gb: 10 + e },
      })),
    );
    const results = await ingest.ingest(orgId, events);
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected) throw new Error(`seeding usage: ${JSON.stringify(rejected)}`);
  }
}

/** Ends the due periods (recording one billing cycle per subscription), then waits for the recorders. */
async function closePeriods(app: INestApplication, client: Client, expected: number): Promise<void> {
  await app.get(SubscriptionsService).advanceDue();
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM billing_cycles WHERE status = 'pending'`,
    );
    if (rows[0].n >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function runToCompletion(
  app: INestApplication,
  client: Client,
): Promise<{ runId: string; invoiced: number }> {
  const run = await app.get(BillingRunsService).start('manual');
  let lastLog = Date.now();
  for (;;) {
    const { rows } = await client.query<{
      processed: number;
      invoiced: number;
      failed: number;
      finished: boolean;
    }>(
      `SELECT processed, invoiced, failed, finished_at IS NOT NULL AS finished FROM billing_runs WHERE id = $1`,
      [run.id],
    );
    const progress = rows[0];
    if (progress.finished) {
      if (progress.failed > 0) throw new Error(`${progress.failed} cycles failed`);
      return { runId: run.id, invoiced: progress.invoiced };
    }
    if (Date.now() - lastLog > 10_000) {
      detail(`  … ${fmt(progress.processed)}/${fmt(run.cyclesTotal)} cycles`);
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The raw ceiling: the run's rows written again with one batched INSERT per 1,000 rows per table. */
async function rawInsertSeconds(
  client: Client,
  invoiceIds: string[],
): Promise<{ seconds: number; rows: number }> {
  const batches: { table: string; rows: unknown[] }[] = [];
  for (const { table, where } of WRITTEN_TABLES) {
    await client.query(`DROP TABLE IF EXISTS raw_${table}`);
    await client.query(`CREATE TABLE raw_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const { rows } = await client.query<{ row: unknown }>(
      `SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${where}`,
      [invoiceIds],
    );
    for (let i = 0; i < rows.length; i += 1000)
      batches.push({ table, rows: rows.slice(i, i + 1000).map((r) => r.row) });
  }
  const { seconds } = await timed(async () => {
    for (const batch of batches)
      await client.query(
        `INSERT INTO raw_${batch.table} SELECT * FROM jsonb_populate_recordset(NULL::raw_${batch.table}, $1::jsonb)`,
        [JSON.stringify(batch.rows)],
      );
  });
  for (const { table } of WRITTEN_TABLES) await client.query(`DROP TABLE raw_${table}`);
  return { seconds, rows: batches.reduce((sum, b) => sum + b.rows.length, 0) };
}

async function main(): Promise<void> {
  const sandbox = await openSandbox(BENCH_DATABASE, 'bench');
  let app: INestApplication | undefined;
  const client = new Client({ connectionString: sandbox.databaseUrl });
  try {
    await client.connect();
    const { createApiApp } = await import('../apps/api/src/create-api-app');
    const { ApiModule } = await import('../apps/api/src/api.module');
    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    @Module({ imports: [ApiModule, WorkerModule] })
    class BenchModule {}
    process.env.WORKER_METRICS_PORT = '0';
    // This process is the billing worker: it consumes the default queue (billing, subscriptions). The PDFs,
    // emails and webhooks the run's events cause are queued for the workers of their own queues, as in a
    // deployment that dedicates workers to them (WORKER_QUEUES); they are not part of the run.
    process.env.WORKER_QUEUES = 'default';
    app = await createApiApp(BenchModule);
    await app.init();
    const { orgId, apiKey } = await app.get(DemoAccountService).ensure({
      email: 'bench-billing@bench.example',
      password: 'bench billing password 2026',
      name: 'Bench',
      organizationName: 'Bench billing',
    });
    await app.listen({ port: 0, host: '127.0.0.1' } as never);
    const address = app.getHttpServer().address() as { port: number };
    const call = async (path: string, body: object) => {
      const res = await fetch(`http://127.0.0.1:${address.port}/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    };
    const seeded: Seeded = { planCode: 'bench_monthly', metricCode: 'storage_gb' };
    await call('/billable-metrics', {
      code: seeded.metricCode,
      name: 'Storage',
      aggregation: 'sum',
      fieldName: 'gb',
    });
    await call('/plans', {
      code: seeded.planCode,
      name: 'Bench monthly',
      currency: 'EUR',
      interval: 'month',
      baseFee: 2900,
      baseFeeTiming: 'in_arrears',
      trialDays: 0,
      charges: [
        {
          billableMetricCode: seeded.metricCode,
          model: 'graduated',
          properties: {
            tiers: [
              { from: '0', upTo: '20', unitAmount: '0.50', flatAmount: '0' },
              { from: '20', upTo: null, unitAmount: '0.25', flatAmount: '1.00' },
            ],
          },
        },
      ],
    });
    await call('/tax-rates', { name: 'VAT 20%', percentage: '20', inclusive: false, isDefault: true });
    console.log(
      `billing run: ${SIZES.map((n) => fmt(n)).join(' then ')} monthly subscriptions, ${EVENTS_PER_SUBSCRIPTION} usage events each, ` +
        `in-arrears fee + graduated usage + 20 % VAT, one organisation, WORKER_CONCURRENCY=${process.env.WORKER_CONCURRENCY ?? 4}`,
    );

    const seconds: number[] = [];
    for (const [round, size] of SIZES.entries()) {
      const seed = await timed(() => seedSubscriptions(app!, orgId, `r${round}`, size, seeded));
      await closePeriods(app, client, size);
      detail(`${fmt(size)} subscriptions seeded and their periods closed in ${seed.seconds.toFixed(1)} s`);
      const run = await timed(() => runToCompletion(app!, client));
      if (run.value.invoiced !== size)
        throw new Error(`expected ${size} invoices, got ${run.value.invoiced}`);
      const { rows } = await client.query<{ id: string }>(
        `SELECT invoice_id AS id FROM billing_cycles WHERE run_id = $1`,
        [run.value.runId],
      );
      const ids = rows.map((r) => r.id);
      const { rows: check } = await client.query<{ open: number }>(
        `SELECT count(*) FILTER (WHERE status = 'open' AND number IS NOT NULL)::int AS open FROM invoices WHERE id = ANY($1)`,
        [ids],
      );
      if (check[0].open !== size) throw new Error(`only ${check[0].open} of ${size} invoices are finalized`);
      const unbalanced = await app.get(LedgerService).unbalancedJournals(orgId);
      if (unbalanced.length > 0) throw new Error(`${unbalanced.length} unbalanced journals`);
      const raw = await rawInsertSeconds(client, ids);
      const perSecond = size / run.seconds;
      const rawPerSecond = size / raw.seconds;
      seconds.push(run.seconds);
      detail(
        `raw batched INSERT of the same ${fmt(raw.rows)} rows: ${raw.seconds.toFixed(2)} s (${fmt(rawPerSecond)} invoices/s)`,
      );
      result(
        `billing run ${fmt(size)}: ${run.seconds.toFixed(1)} s, ${fmt(perSecond)} invoices/s ` +
          `(raw insert of the same rows ${fmt(rawPerSecond)} invoices/s, ratio ${ratio(perSecond, rawPerSecond)})` +
          (size === 10_000
            ? `; goal ≤ ${TARGET_SECONDS_10K} s ${run.seconds <= TARGET_SECONDS_10K ? 'met' : 'MISSED'}`
            : ''),
      );
    }
    if (seconds.length >= 2) {
      const growth = seconds[seconds.length - 1] / seconds[0];
      result(
        `billing run growth: ${fmt(SIZES[SIZES.length - 1])}/${fmt(SIZES[0])} time ratio ${growth.toFixed(2)} ` +
          `(goal ≤ ${TARGET_GROWTH} ${growth <= TARGET_GROWTH ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    await app?.close();
    await client.end().catch(() => undefined);
    await sandbox.cleanUp();
  }
}

runBench('billing run', main);
