// HTTP overhead: a raw Fastify hello-world (the ceiling, measured in the same run), a minimal Nest+Fastify
// hello-world (framework overhead) and the real API app's GET /health/live (everything the app adds: hooks,
// helmet, CORS, request ids, metrics, guards, interceptors). Each server runs in its own child process so
// that autocannon, in this process, does not share an event loop with it.
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { migrate } from '../scripts/migrate';
import { detail, ensureDatabase, fmt, isEmpty, loadBenchEnv, ratio, result } from './bench-kit';
import { benchEntry, forkServer, killServer } from './bench-servers';

const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const WARMUP_S = 1;
const CONNECTIONS = 10;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;
// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

type Target = 'raw' | 'nest' | 'api';

@Controller()
class HelloController {
  @Get()
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

/** In the child: start one server on a free port and report it to the parent. */
async function serve(target: Target): Promise<void> {
  let port: number;
  if (target === 'raw') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  } else if (target === 'nest') {
    const app = await NestFactory.create<NestFastifyApplication>(HelloModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as AddressInfo).port;
  } else {
    // Loaded here only: importing the API pulls in its configuration and modules.
    const { createApiApp } = await import('../apps/api/src/create-api-app');
    const { ApiModule } = await import('../apps/api/src/api.module');
    const app = await createApiApp(ApiModule);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as AddressInfo).port;
  }
  process.send?.({ port });
}

interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
}

async function measure(target: Target, path: string): Promise<Measured> {
  const { child, port } = await forkServer(__filename, target);
  try {
    const url = `http://127.0.0.1:${port}${path}`;
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S });
    const run = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
    return {
      reqPerSec: run.requests.average,
      p50: run.latency.p50,
      p99: run.latency.p99,
      failed: run.errors + run.timeouts + run.non2xx,
    };
  } finally {
    await killServer(child);
  }
}

const describe = (name: string, m: Measured): string =>
  `${name.padEnd(22)} ${fmt(m.reqPerSec).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms` +
  (m.failed ? `  (${m.failed} failed requests!)` : '');

async function main(): Promise<void> {
  loadBenchEnv();
  const databaseUrl = process.env.DATABASE_URL as string;
  await ensureDatabase(databaseUrl);
  // Only an empty database is migrated: /health/live reads no table, and an existing (demo) database is not
  // the bench's to change.
  if (await isEmpty(databaseUrl)) await migrate(databaseUrl);

  console.log(
    `http-overhead: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s each (autocannon)`,
  );
  const raw = await measure('raw', '/');
  detail(describe('raw fastify /', raw));
  const nest = await measure('nest', '/');
  detail(describe('nest+fastify hello /', nest));
  const api = await measure('api', '/health/live');
  detail(describe('api /health/live', api));
  result(
    `http: raw fastify ${fmt(raw.reqPerSec)} req/s | nest hello ${fmt(nest.reqPerSec)} req/s ` +
      `(${ratio(nest.reqPerSec, raw.reqPerSec)} of raw) | api /health/live ${fmt(api.reqPerSec)} req/s ` +
      `(${ratio(api.reqPerSec, raw.reqPerSec)} of raw)`,
  );
  if (raw.failed + nest.failed + api.failed > 0) throw new Error('some requests failed; see above');
}

benchEntry(module, 'http-overhead', main, (target) => serve(target as Target));
