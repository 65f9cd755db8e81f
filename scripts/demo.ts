// `npm run demo`: the whole product on one machine, with Postgres (127.0.0.1:5432) and Redis (6379) already
// running. Creates .env from .env.example, creates and migrates the database, starts a mail catcher and the
// Stripe emulator (unless STRIPE_API_BASE is set), seeds the demo, runs the API and the worker as child
// processes and prints where everything is.
// Ctrl-C / SIGTERM stops everything gracefully. DEMO_EXIT_AFTER_READY=1 exits 0 once the banner is printed.
import { repoRoot } from './repo-root';
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { config as loadDotenv, parse as parseDotenv } from 'dotenv';
import Redis from 'ioredis';
import { ConfigError, createDatabase, listDatabases, loadConfig } from '@app/core';
import { StripeEmulator, startStripeEmulator } from '../test/stripe-emulator';
import { MailCatcher, smtpPortOf, startMailCatcher } from './mail-catcher';
import { migrate } from './migrate';
import { DEMO_STRIPE_SECRET_KEY, DEMO_STRIPE_WEBHOOK_SECRET } from './demo-data/payments';
import { seedDemo } from './seed-demo';

const READY_TIMEOUT_MS = Number(process.env.DEMO_READY_TIMEOUT_MS ?? 60_000);
const TAIL_LINES = 40;

class DemoError extends Error {}

function log(message: string): void {
  console.log(`[demo] ${message}`);
}

function loadEnvironment(root: string): void {
  const envFile = join(root, '.env');
  const exampleFile = join(root, '.env.example');
  if (!existsSync(envFile)) {
    copyFileSync(exampleFile, envFile);
    log('Created .env from .env.example (edit it to change ports, URLs or the operator token).');
  } else {
    // A .env from an older checkout lacks variables added since: append them with their example values.
    const current = parseDotenv(readFileSync(envFile));
    const example = parseDotenv(readFileSync(exampleFile));
    const missing = Object.keys(example).filter((key) => !(key in current));
    if (missing.length > 0) {
      const lines = missing.map((key) => `${key}=${JSON.stringify(example[key])}`);
      appendFileSync(envFile, `\n# Added by \`npm run demo\` from .env.example\n${lines.join('\n')}\n`);
      log(`Added to .env from .env.example: ${missing.join(', ')}`);
    }
  }
  // Variables already set in the environment win over .env (as everywhere else in the project).
  loadDotenv({ path: envFile, quiet: true });
}

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new DemoError(`DATABASE_URL (${databaseUrl}) names no database.`);
  let existing: string[];
  try {
    existing = await listDatabases(databaseUrl, name);
  } catch (error) {
    throw new DemoError(
      `Cannot reach Postgres for ${redact(databaseUrl)}: ${(error as Error).message}\n` +
        '  Start it first (for example `docker compose up -d postgres`), or fix DATABASE_URL in .env.',
    );
  }
  // LIKE treats "_" as a wildcard: compare exactly.
  if (existing.includes(name)) {
    log(`Database "${name}" exists.`);
  } else {
    await createDatabase(databaseUrl, name);
    log(`Created database "${name}".`);
  }
}

async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new DemoError(
      `Cannot reach Redis at ${redact(redisUrl)}: ${(cause ?? (error as Error)).message}\n` +
        '  Start it first (for example `docker compose up -d redis`), or fix REDIS_URL in .env.',
    );
  } finally {
    redis.disconnect();
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');

/** A pino JSON line as "LEVEL message (context)"; anything else unchanged. DEMO_RAW_LOGS=1 disables it. */
function formatLogLine(line: string): string {
  if (process.env.DEMO_RAW_LOGS === '1' || !line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const level = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }[
      entry.level as number
    ];
    const req = entry.req as { method?: string; url?: string } | undefined;
    const res = entry.res as { statusCode?: number } | undefined;
    let message = typeof entry.msg === 'string' ? entry.msg : '';
    if (req?.method && res?.statusCode) {
      message = `${req.method} ${req.url} -> ${res.statusCode} (${String(entry.responseTime)} ms)`;
    }
    const context = typeof entry.context === 'string' ? ` (${entry.context})` : '';
    const error = entry.err as { stack?: string; message?: string } | undefined;
    const detail = error ? `\n${error.stack ?? error.message}` : '';
    return `${(level ?? String(entry.level)).padEnd(5)} ${message}${context}${detail}`;
  } catch {
    return line;
  }
}

/** Nest's per-module and per-route boot lines: dozens of them, rarely what anyone wants to read. */
const BOOT_NOISE = /"context":"(InstanceLoader|RoutesResolver|RouterExplorer)"/;
const isBootNoise = (raw: string): boolean => process.env.DEMO_RAW_LOGS !== '1' && BOOT_NOISE.test(raw);

class Child {
  readonly tail: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitedAt?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly process: ChildProcess;

  constructor(
    readonly name: string,
    script: string,
    root: string,
  ) {
    this.process = spawn(process.execPath, [script], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
        const line = formatLogLine(raw);
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        if (isBootNoise(raw)) return; // kept in the tail for diagnostics, not printed
        for (const part of line.split('\n')) process.stdout.write(`[${this.name}] ${part}\n`);
      });
    }
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        this.exitedAt = { code, signal };
        resolve(this.exitedAt);
      });
      this.process.once('error', (error) => {
        this.tail.push(`spawn failed: ${error.message}`);
        this.exitedAt = { code: 1, signal: null };
        resolve(this.exitedAt);
      });
    });
  }

  /** SIGTERM, then SIGKILL after the grace period. Resolves once the process is gone. */
  async stop(graceMs: number): Promise<void> {
    if (this.exitedAt) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      process.stdout.write(`[demo] ${this.name} did not stop within ${graceMs} ms; killing it.\n`);
      this.process.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

async function waitUntilOk(url: string, children: Child[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    const dead = children.find((child) => child.exitedAt);
    if (dead) {
      throw new DemoError(
        `The ${dead.name} exited (code ${dead.exitedAt?.code}, signal ${dead.exitedAt?.signal}) before ${url} was ready.`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new DemoError(`${url} was not ready within ${timeoutMs / 1000} s (last: ${lastProblem}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function banner(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const rule = '='.repeat(width);
  return ['', rule, ...lines.map((line) => (line ? `  ${line}` : '')), rule, ''].join('\n');
}

async function main(): Promise<number> {
  const root = repoRoot();
  loadEnvironment(root);
  const config = loadConfig();
  const graceMs = config.SHUTDOWN_TIMEOUT_MS + 2000;
  const children: Child[] = [];
  let catcher: MailCatcher | undefined;
  let emulator: StripeEmulator | undefined;
  let stopping: Promise<void> | undefined;

  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.all(children.map((child) => child.stop(graceMs)));
      await catcher?.stop();
      await emulator?.stop();
    })());

  let signalled = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (signalled) {
        log('Second signal: exiting now.');
        process.exit(130);
      }
      signalled = true;
      log(`${signal}: stopping the API, the worker, the mail catcher and Stripe (again to force)...`);
      void stopAll().then(() => {
        log('Stopped.');
        process.exit(0);
      });
    });
  }

  try {
    await ensureDatabase(config.DATABASE_URL);
    const applied = await migrate(config.DATABASE_URL);
    log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
    await checkRedis(config.REDIS_URL);

    const smtpHost = new URL(config.SMTP_URL).hostname;
    const catcherPort = Number(process.env.MAIL_CATCHER_PORT ?? 1080);
    let mailLine: string;
    if (['127.0.0.1', 'localhost', '::1', '[::1]'].includes(smtpHost)) {
      try {
        catcher = await startMailCatcher({ smtpPort: smtpPortOf(config.SMTP_URL), httpPort: catcherPort });
        log(`Mail catcher listening: SMTP ${catcher.smtpUrl}, web UI ${catcher.webUrl}`);
        mailLine = `Mail catcher:    ${catcher.webUrl}  (SMTP ${catcher.smtpUrl})`;
      } catch (error) {
        const message = (error as Error).message;
        log(`Mail catcher not started (${message}); assuming another one (e.g. mailpit) already listens.`);
        mailLine = `Mail catcher:    not started (${message}); mail goes to ${config.SMTP_URL}`;
      }
    } else {
      mailLine = `Mail:            sent to ${config.SMTP_URL} (not local, no catcher started)`;
    }

    let stripeLine: string;
    if (config.STRIPE_API_BASE) {
      stripeLine = `Stripe:          ${config.STRIPE_API_BASE} (STRIPE_API_BASE from the environment)`;
    } else {
      emulator = await startStripeEmulator({ port: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111) });
      // The seed, the API and the worker read it from the environment: all of them talk to the emulator.
      process.env.STRIPE_API_BASE = emulator.url;
      log(`Stripe emulator listening: ${emulator.url}`);
      stripeLine = `Stripe emulator: ${emulator.url}  (test cards: docs/stripe-emulator.md)`;
    }

    const credentials = await seedDemo({ databaseUrl: config.DATABASE_URL, apiUrl: config.PUBLIC_URL });

    const api = new Child('api', join(root, 'dist', 'apps', 'api', 'src', 'main.js'), root);
    const worker = new Child('worker', join(root, 'dist', 'apps', 'worker', 'src', 'main.js'), root);
    children.push(api, worker);

    const local = `http://localhost:${config.PORT}`;
    try {
      await waitUntilOk(`http://127.0.0.1:${config.PORT}/health/ready`, [api, worker], READY_TIMEOUT_MS);
    } catch (error) {
      const culprit = children.find((child) => child.exitedAt) ?? api;
      throw new DemoError(
        `${(error as Error).message}\n--- last output of the ${culprit.name} ---\n${culprit.tail.join('\n') || '(none)'}`,
      );
    }
    if (config.WORKER_METRICS_PORT !== 0) {
      await waitUntilOk(
        `http://127.0.0.1:${config.WORKER_METRICS_PORT}/metrics`,
        [api, worker],
        READY_TIMEOUT_MS,
      ).catch((error: unknown) => {
        throw new DemoError(
          `${(error as Error).message}\n--- last output of the worker ---\n${worker.tail.join('\n') || '(none)'}`,
        );
      });
    }

    if (emulator && credentials.orgId)
      emulator.control.addWebhookEndpoint({
        url: `http://127.0.0.1:${config.PORT}/v1/webhooks/stripe/${credentials.orgId}`,
        secret: DEMO_STRIPE_WEBHOOK_SECRET,
        apiKey: DEMO_STRIPE_SECRET_KEY,
      });

    const queuePassword = config.ADMIN_API_TOKEN ?? '(set ADMIN_API_TOKEN to open it)';
    console.log(
      banner([
        'Billing platform is up.',
        '',
        `API:             ${local}  (public URL ${config.PUBLIC_URL})`,
        `Swagger UI:      ${local}/docs   (OpenAPI JSON: ${local}/docs-json)`,
        `Queue dashboard: ${local}/admin/queues  (HTTP Basic: any user, password = ADMIN_API_TOKEN)`,
        `                 password: ${queuePassword}`,
        mailLine,
        stripeLine,
        `Metrics:         ${local}/metrics (API)` +
          (config.WORKER_METRICS_PORT !== 0
            ? `, http://localhost:${config.WORKER_METRICS_PORT}/metrics (worker)`
            : ''),
        `Health:          ${local}/health/live, ${local}/health/ready`,
        '',
        'Demo credentials:',
        ...credentials.lines.map((line) => `  ${line}`),
        '',
        process.env.DEMO_EXIT_AFTER_READY === '1'
          ? 'DEMO_EXIT_AFTER_READY=1: stopping now.'
          : 'Press Ctrl-C to stop.',
      ]),
    );

    if (process.env.DEMO_EXIT_AFTER_READY === '1') {
      await stopAll();
      const unclean = children.filter(
        (child) =>
          child.exitedAt?.code !== 0 && !['SIGTERM', 'SIGINT'].includes(child.exitedAt?.signal ?? ''),
      );
      for (const child of unclean) {
        log(`The ${child.name} exited with code ${child.exitedAt?.code}, signal ${child.exitedAt?.signal}.`);
      }
      log(unclean.length ? 'Stopped, not cleanly.' : 'Stopped cleanly.');
      return unclean.length ? 1 : 0;
    }

    // Keep running until a signal arrives; if a child dies on its own the product is not up any more.
    const first = await Promise.race(children.map((child) => child.exited.then(() => child)));
    if (stopping) return new Promise<number>(() => undefined); // the signal handler exits
    log(
      `The ${first.name} exited on its own (code ${first.exitedAt?.code}, signal ${first.exitedAt?.signal}); stopping the demo.`,
    );
    await stopAll();
    return 1;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DemoError || error instanceof ConfigError) {
      console.error(`\n[demo] FAILED: ${error.message}`);
    } else {
      console.error('\n[demo] FAILED:', error);
    }
    process.exit(1);
  },
);
