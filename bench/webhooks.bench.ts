// Inbound Stripe webhooks: CONNECTIONS concurrent clients POST signed Stripe events (signed with the SDK's own
// Stripe.webhooks.generateTestHeaderString) at POST /v1/webhooks/stripe/{orgId} of the real API (its own
// child process). Measures accepted/s and p50/p99 latency (verify + inbox INSERT + outbox row + 200), then
// starts the worker (its own child process) and measures processed/s (outbox relay -> BullMQ -> the
// processing job). The ceiling, measured in the same run with the same bodies and connections: a Nest+Fastify
// hello-world POST route. Uses its own database (billing_bench_webhooks, dropped afterwards) and a unique
// Redis prefix (deleted afterwards); the org connects Stripe through a local emulator.
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import Stripe from 'stripe';
import { CoreModule } from '@app/core';
import { AuthModule, DemoAccountService } from '@app/auth';
import { startStripeEmulator } from '../test/stripe-emulator';
import { newTestKey } from '../test/stripe-emulator/test-support';
import { detail, fmt, openSandbox, ratio, result, timed } from './bench-kit';
import { benchEntry, forkServer, killServer } from './bench-servers';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 20_000);
const WARMUP_EVENTS = 1_000;
const CONNECTIONS = 100;
/**
 * The goal's rate. Latency is also measured with this rate offered over the same connections: flat out, 100
 * connections that each wait for their answer have a mean latency of 100 / throughput (Little's law), so the
 * saturation p99 says how fast the server is, not how long Stripe waits at the goal's load.
 */
const GOAL_RATE = 1_000;
const RATE_EVENTS = 10 * GOAL_RATE;
const BENCH_DATABASE = 'billing_bench_webhooks';
/** A type no feature handles; the worker child registers a no-op handler so each event ends `processed`. */
const EVENT_TYPE = 'balance.available';

interface AutocannonResult {
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  amount: number;
  requests: { method: string; setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult> & { on: (event: 'response', listener: () => void) => void };
// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

@Controller()
class HelloController {
  @Post()
  @HttpCode(200)
  hello(): { received: true } {
    return { received: true };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

@Module({ imports: [CoreModule, AuthModule] })
class AccountModule {}

type Target = 'hello' | 'api' | 'worker';

/** In the child: the hello-world or the real API on a free port, or the worker; reported to the parent. */
async function serve(target: Target): Promise<void> {
  if (target === 'worker') {
    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    const { StripeEventRouter } = await import('../libs/payments/src/stripe/stripe-event-router');
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    worker.get(StripeEventRouter).on([EVENT_TYPE], async () => undefined);
    await worker.init();
    process.send?.({ port: 0 });
    return;
  }
  let app: NestFastifyApplication;
  if (target === 'hello') {
    app = await NestFactory.create<NestFastifyApplication>(HelloModule, new FastifyAdapter(), {
      logger: false,
    });
  } else {
    const { createApiApp } = await import('../apps/api/src/create-api-app');
    const { ApiModule } = await import('../apps/api/src/api.module');
    app = await createApiApp(ApiModule);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
}

/** The server child's CPU time so far in ms: per request, a figure that other load on the machine barely moves. */
function cpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', ({ cpu }: { cpu: NodeJS.CpuUsage }) => resolve((cpu.user + cpu.system) / 1000));
    child.send('cpu');
  });
}

interface SignedEvent {
  body: string;
  signature: string;
}

/** `count` distinct events (a charge-sized object), each signed as Stripe signs a delivery. */
function signedEvents(count: number, secret: string, tag: string): SignedEvent[] {
  const created = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({
      id: `evt_${tag}_${i}`,
      object: 'event',
      api_version: '2025-09-30.clover',
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: EVENT_TYPE,
      data: {
        object: {
          object: 'balance',
          available: [{ amount: 100_000 + i, currency: 'usd', source_types: { card: 100_000 + i } }],
          pending: [{ amount: 2_500, currency: 'usd', source_types: { card: 2_500 } }],
          livemode: false,
          metadata: { bench: 'webhooks', sequence: String(i), note: 'x'.repeat(600) },
        },
      },
    });
    return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
  });
}

interface Measured {
  seconds: number;
  p50: number;
  p99: number;
  failed: number;
}

/**
 * Sends each event once over CONNECTIONS keep-alive connections. Timed from the start to the last response:
 * autocannon itself notices the end of an `amount` run only at its next one-second tick.
 */
async function post(url: string, events: SignedEvent[]): Promise<Measured> {
  let next = 0;
  const start = process.hrtime.bigint();
  let lastResponse = start;
  const run = autocannon({
    url,
    connections: CONNECTIONS,
    amount: events.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const event = events[next++ % events.length];
          return {
            ...request,
            body: event.body,
            headers: {
              ...request.headers,
              'content-type': 'application/json',
              'stripe-signature': event.signature,
            },
          };
        },
      },
    ],
  });
  run.on('response', () => {
    lastResponse = process.hrtime.bigint();
  });
  const result = await run;
  return {
    seconds: Number(lastResponse - start) / 1e9,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Sends the events at a steady `rate` per second over at most CONNECTIONS keep-alive connections, each when
 * it is due (autocannon's own rate limit sends each connection's quota in a burst at the top of each second).
 */
async function postAtRate(url: string, events: SignedEvent[], rate: number): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let failed = 0;
  const send = (event: SignedEvent) =>
    new Promise<void>((resolve) => {
      const sentAt = performance.now();
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) failed++;
            latencies.push(performance.now() - sentAt);
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(event.body);
    });
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let next = 0;
  while (next < events.length) {
    const due = Math.min(events.length, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (next < due) inFlight.push(send(events[next++]));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]);
  return { seconds, p50: at(0.5), p99: at(0.99), failed };
}

async function count(client: Client, where: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM stripe_events WHERE ${where}`,
  );
  return Number(rows[0].n);
}

async function main(): Promise<void> {
  const sandbox = await openSandbox(BENCH_DATABASE, 'bench_webhooks');
  const emulator = await startStripeEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: sandbox.databaseUrl });
  try {
    const context = await NestFactory.createApplicationContext(AccountModule, { logger: false });
    const account = await context.get(DemoAccountService).ensure({
      email: 'bench@webhooks.example',
      password: 'bench webhooks password 2026',
      name: 'Bench',
      organizationName: 'Webhooks Bench',
    });
    await context.close();
    await db.connect();

    const hello = await forkServer(__filename, 'hello');
    children.push(hello.child);
    const api = await forkServer(__filename, 'api');
    children.push(api.child);
    const base = `http://127.0.0.1:${api.port}`;
    const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
    const connected = await fetch(`${base}/v1/payments/stripe`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${account.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ secretKey: newTestKey(), webhookSecret }),
    });
    if (!connected.ok)
      throw new Error(`connecting Stripe: HTTP ${connected.status} ${await connected.text()}`);
    const url = `${base}/v1/webhooks/stripe/${account.orgId}`;
    console.log(
      `webhooks: ${fmt(EVENTS)} signed ${EVENT_TYPE} events (~${fmt(signedEvents(1, webhookSecret, 'size')[0].body.length)} B), ` +
        `${CONNECTIONS} concurrent connections (database ${BENCH_DATABASE}, Redis prefix ${sandbox.redisPrefix})`,
    );

    // Warm-up (not measured): JIT, the API's connection pool, the org's cached Stripe client.
    await post(url, signedEvents(WARMUP_EVENTS, webhookSecret, 'warmup'));
    await post(`http://127.0.0.1:${hello.port}/`, signedEvents(WARMUP_EVENTS, webhookSecret, 'warmup'));

    const events = signedEvents(EVENTS, webhookSecret, 'bench');
    const helloCpu = await cpuMs(hello.child);
    const ceiling = await post(`http://127.0.0.1:${hello.port}/`, events);
    const helloCpuPerRequest = ((await cpuMs(hello.child)) - helloCpu) / EVENTS;
    await killServer(hello.child);
    const apiCpu = await cpuMs(api.child);
    const accepted = await post(url, events);
    const apiCpuPerEvent = ((await cpuMs(api.child)) - apiCpu) / EVENTS;
    const stored = await count(db, 'TRUE');
    if (accepted.failed + ceiling.failed > 0 || stored !== EVENTS + WARMUP_EVENTS)
      throw new Error(
        `${accepted.failed} webhook and ${ceiling.failed} hello-world requests failed; ${stored} events stored`,
      );
    const duplicates = await post(url, events.slice(0, CONNECTIONS * 10));
    if ((await count(db, 'TRUE')) !== stored) throw new Error('a duplicate delivery stored a second row');
    const atGoalRate = await postAtRate(url, signedEvents(RATE_EVENTS, webhookSecret, 'rate'), GOAL_RATE);
    if (atGoalRate.failed > 0)
      throw new Error(`${atGoalRate.failed} webhook requests at ${GOAL_RATE}/s failed`);
    const inbox = await count(db, 'TRUE');
    await killServer(api.child); // the worker gets the CPU to itself

    const worker = await forkServer(__filename, 'worker');
    children.push(worker.child);
    const drained = await timed(async () => {
      while ((await count(db, `status = 'pending'`)) > 0) await new Promise((r) => setTimeout(r, 100));
    });
    const processed = await count(db, `status = 'processed'`);
    if (processed !== inbox) throw new Error(`${processed} of ${inbox} events processed`);

    const acceptedRate = EVENTS / accepted.seconds;
    const ceilingRate = EVENTS / ceiling.seconds;
    const processedRate = inbox / drained.seconds;
    detail(
      `nest+fastify hello POST      ${fmt(ceilingRate).padStart(7)} req/s     p50 ${ceiling.p50} ms  p99 ${ceiling.p99} ms`,
    );
    const atRate = RATE_EVENTS / atGoalRate.seconds;
    const goal = acceptedRate >= GOAL_RATE && atGoalRate.p99 < 50 ? 'met' : 'MISSED';
    detail(
      `POST /v1/webhooks/stripe     ${fmt(acceptedRate).padStart(7)} accepted/s  p50 ${accepted.p50} ms  p99 ${accepted.p99} ms  (flat out)`,
    );
    detail(
      `  at ${fmt(GOAL_RATE)} events/s offered ${fmt(atRate).padStart(7)} accepted/s  p50 ${atGoalRate.p50} ms  p99 ${atGoalRate.p99} ms  (${fmt(RATE_EVENTS)} events)`,
    );
    detail(
      `CPU of the server process: ${fmt(apiCpuPerEvent, 2)} ms per event (hello-world ${fmt(helloCpuPerRequest, 2)} ms per request)`,
    );
    detail(`duplicates (${fmt(CONNECTIONS * 10)} re-sent)   p99 ${duplicates.p99} ms, no second row`);
    detail(
      `worker (relay + job)         ${fmt(processedRate).padStart(7)} processed/s (${fmt(inbox)} events in ${drained.seconds.toFixed(1)} s)`,
    );
    detail(
      `ratio accepted / hello: ${ratio(acceptedRate, ceilingRate)}; goal (>= ${fmt(GOAL_RATE)} accepted/s, p99 < 50 ms at ${fmt(GOAL_RATE)}/s) ${goal}`,
    );
    result(
      `webhooks: ${fmt(acceptedRate)} accepted/s flat out (p50 ${accepted.p50} ms, p99 ${accepted.p99} ms), ` +
        `p99 ${atGoalRate.p99} ms at ${fmt(GOAL_RATE)}/s | ${fmt(processedRate)} processed/s | ` +
        `hello-world ${fmt(ceilingRate)} req/s | ratio ${ratio(acceptedRate, ceilingRate)} | goal ${goal}`,
    );
  } finally {
    for (const child of children) await killServer(child);
    await db.end().catch(() => undefined);
    await emulator.stop();
    const keys = await sandbox.cleanUp();
    detail(
      `cleaned up: dropped ${BENCH_DATABASE}, deleted ${keys} Redis key(s) under ${sandbox.redisPrefix}:`,
    );
  }
}

benchEntry(module, 'webhooks', main, (target) => serve(target as Target));
