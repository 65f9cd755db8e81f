// Usage ingestion: POST /v1/events/batch on the real API (its own child process) from concurrent HTTP
// clients, against the ceiling measured in the same run: the same rows (keys table + events, same batch
// size, same concurrency) INSERTed with raw pg ... ON CONFLICT DO NOTHING. Uses its own database
// (billing_bench_ingest, dropped afterwards) and a unique Redis prefix (deleted afterwards).
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { CoreModule, newId } from '@app/core';
import { AuthModule, DemoAccountService } from '@app/auth';
import { detail, fmt, openSandbox, ratio, result, timed } from './bench-kit';
import { benchEntry, forkServer, killServer } from './bench-servers';

const EVENTS = Math.max(200_000, Number(process.env.BENCH_INGEST_EVENTS ?? 200_000));
const BATCH = 1_000;
const CLIENTS = 4;
const CUSTOMERS = 100;
const WARMUP_BATCHES = 8;
const METRIC = 'bench_units';
const BENCH_DATABASE = 'billing_bench_ingest';

@Module({ imports: [CoreModule, AuthModule] })
class IngestBenchModule {}

/** In the child: the real API on a free port, reported to the parent. */
async function serve(): Promise<void> {
  const { createApiApp } = await import('../apps/api/src/create-api-app');
  const { ApiModule } = await import('../apps/api/src/api.module');
  const app = await createApiApp(ApiModule);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
}

async function call(
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Small properties: a batch of 1,000 stays far below the 1 MiB body limit. */
function eventsFor(batch: number): object[] {
  const timestamp = new Date().toISOString();
  return Array.from({ length: BATCH }, (_, i) => ({
    transactionId: randomUUID(),
    customerExternalId: `bench-${(batch * BATCH + i) % CUSTOMERS}`,
    metricCode: METRIC,
    timestamp,
    properties: { value: (i % 10) + 1, region: i % 2 ? 'eu' : 'us' },
  }));
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/** `batches` batches split over CLIENTS concurrent workers; returns the latency of each batch in ms. */
async function concurrently(batches: number, send: (batch: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let batch = next++; batch < batches; batch = next++) {
        const start = process.hrtime.bigint();
        await send(batch);
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  return latencies;
}

async function sendHttp(base: string, key: string, batches: number, offset: number): Promise<number[]> {
  return concurrently(batches, async (batch) => {
    const response = (await call(base, key, 'POST', '/v1/events/batch', {
      events: eventsFor(offset + batch),
    })) as { accepted: number };
    if (response.accepted !== BATCH)
      throw new Error(
        `batch ${batch}: ${response.accepted} of ${BATCH} accepted: ${JSON.stringify(response)}`,
      );
  });
}

/** The ceiling: the repository's statement shape (keys with ON CONFLICT DO NOTHING, then events), via pg. */
async function insertRaw(
  clients: Client[],
  orgId: string,
  customerIds: string[],
  metricId: string,
  batches: number,
): Promise<number[]> {
  const free = [...clients];
  return concurrently(batches, async (batch) => {
    const client = free.pop() as Client;
    try {
      const events = eventsFor(batch) as { transactionId: string; properties: object; timestamp: string }[];
      events.sort((a, b) => (a.transactionId < b.transactionId ? -1 : 1));
      await client.query(
        `WITH input AS (
           SELECT * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[])
             WITH ORDINALITY AS t(id, transaction_id, customer_id, metric_id, "timestamp", properties, value, n)
         ), keys AS (
           INSERT INTO usage_event_keys (org_id, transaction_id, "timestamp")
           SELECT $1, transaction_id, "timestamp" FROM input ORDER BY n
           ON CONFLICT (org_id, transaction_id) DO NOTHING
           RETURNING transaction_id
         )
         INSERT INTO usage_events (id, org_id, transaction_id, customer_id, metric_id, "timestamp", properties, value)
         SELECT i.id, $1, i.transaction_id, i.customer_id, i.metric_id, i."timestamp", i.properties::jsonb, i.value::numeric
           FROM input i JOIN keys k ON k.transaction_id = i.transaction_id`,
        [
          orgId,
          events.map(() => newId()),
          events.map((e) => e.transactionId),
          events.map((_, i) => customerIds[(batch * BATCH + i) % CUSTOMERS]),
          events.map(() => metricId),
          events.map((e) => e.timestamp),
          events.map((e) => JSON.stringify(e.properties)),
          events.map((e) => String((e.properties as { value: number }).value)),
        ],
      );
    } finally {
      free.push(client);
    }
  });
}

async function main(): Promise<void> {
  // The bench sends far more requests per minute than a client is allowed by default.
  process.env.RATE_LIMIT_AUTHENTICATED = '1000000';
  const sandbox = await openSandbox(BENCH_DATABASE, 'bench_ingest');
  const benchUrl = sandbox.databaseUrl;
  const prefix = sandbox.redisPrefix;
  let api: ChildProcess | undefined;
  const clients: Client[] = [];
  try {
    const context = await NestFactory.createApplicationContext(IngestBenchModule, { logger: false });
    const account = await context.get(DemoAccountService).ensure({
      email: 'bench@ingest.example',
      password: 'bench ingest password 2026',
      name: 'Bench',
      organizationName: 'Ingest Bench',
    });
    await context.close();

    const started = await forkServer(__filename);
    api = started.child;
    const base = `http://127.0.0.1:${started.port}`;
    const key = account.apiKey;
    const metric = (await call(base, key, 'POST', '/v1/billable-metrics', {
      code: METRIC,
      name: 'Bench units',
      aggregation: 'sum',
      fieldName: 'value',
    })) as { id: string };
    const customerIds: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const customer = (await call(base, key, 'POST', '/v1/customers', {
        externalId: `bench-${i}`,
        name: `Bench customer ${i}`,
        billingEmails: [`bench-${i}@ingest.example`],
        currency: 'USD',
      })) as { id: string };
      customerIds.push(customer.id);
    }
    const batches = Math.ceil(EVENTS / BATCH);
    const events = batches * BATCH;
    console.log(
      `ingest: ${fmt(events)} events, batches of ${fmt(BATCH)}, ${CLIENTS} concurrent clients, ${CUSTOMERS} customers, ` +
        `1 sum metric (database ${BENCH_DATABASE}, Redis prefix ${prefix})`,
    );

    for (let i = 0; i < CLIENTS; i++) {
      const client = new Client({ connectionString: benchUrl });
      await client.connect();
      clients.push(client);
    }
    // Warm-up (not measured): JIT, caches and connections on both paths.
    await sendHttp(base, key, WARMUP_BATCHES, 1_000_000);
    await insertRaw(clients, account.orgId, customerIds, metric.id, WARMUP_BATCHES);

    const http = await timed(() => sendHttp(base, key, batches, 0));
    await killServer(api); // the API's process must not compete for the CPU with the ceiling
    const raw = await timed(() => insertRaw(clients, account.orgId, customerIds, metric.id, batches));
    const { rows } = await clients[0].query<{ count: string }>('SELECT count(*) FROM usage_events');
    const expected = (batches + WARMUP_BATCHES) * BATCH * 2;
    if (Number(rows[0].count) !== expected)
      throw new Error(`usage_events holds ${rows[0].count} rows, expected ${expected}`);

    const httpRate = events / http.seconds;
    const rawRate = events / raw.seconds;
    const httpP95 = p95(http.value);
    detail(
      `POST /v1/events/batch (HTTP)     ${fmt(httpRate).padStart(7)} events/s  p95 batch ${fmt(httpP95, 1)} ms  (${http.seconds.toFixed(1)} s)`,
    );
    detail(
      `raw pg INSERT ... ON CONFLICT    ${fmt(rawRate).padStart(7)} rows/s    p95 batch ${fmt(p95(raw.value), 1)} ms  (${raw.seconds.toFixed(1)} s)`,
    );
    detail(`ratio HTTP / raw: ${ratio(httpRate, rawRate)} (goal >= 0.50)`);
    result(
      `ingest: HTTP ${fmt(httpRate)} events/s (p95 batch ${fmt(httpP95, 1)} ms) | raw INSERT ${fmt(rawRate)} rows/s | ` +
        `ratio ${ratio(httpRate, rawRate)}`,
    );
  } finally {
    if (api) await killServer(api);
    for (const client of clients) await client.end().catch(() => undefined);
    const keys = await sandbox.cleanUp();
    detail(`cleaned up: dropped ${BENCH_DATABASE}, deleted ${keys} Redis key(s) under ${prefix}:`);
  }
}

benchEntry(module, 'ingest', main, serve);
