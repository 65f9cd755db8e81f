// Shared helpers for the benchmarks (not a benchmark itself: run.ts runs only *.bench.js).
import { repoRoot } from '../scripts/repo-root';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { Client } from 'pg';
import Redis from 'ioredis';
import { createDatabase, dropDatabase, listDatabases, withDatabaseName } from '@app/core';
import { migrate } from '../scripts/migrate';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/billing';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Loads .env when present (the environment wins) and fills in the local defaults. */
export function loadBenchEnv(): void {
  const envFile = join(repoRoot(), '.env');
  if (existsSync(envFile)) loadDotenv({ path: envFile, quiet: true });
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  process.env.REDIS_URL ||= DEFAULT_REDIS_URL;
  // Required by the auth module at boot; any 32+ characters do for a benchmark.
  process.env.JWT_SECRET ||= 'bench-jwt-secret-not-for-production-0123456789';
  process.env.DATA_ENCRYPTION_KEY ||= Buffer.alloc(32).toString('base64');
  // Boot and request logs are not what is measured; keep them off the terminal.
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'error';
}

export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!(await listDatabases(databaseUrl, name)).includes(name)) await createDatabase(databaseUrl, name);
}

/** True when no migration has ever run on the database. */
export async function isEmpty(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ missing: boolean }>(
      "SELECT to_regclass('public.schema_migrations') IS NULL AS missing",
    );
    return rows[0].missing;
  } finally {
    await client.end();
  }
}

/** A result line: printed with a leading "= " so that run.ts can repeat it in its summary. */
export function result(line: string): void {
  console.log(`= ${line}`);
}

export function detail(line: string): void {
  console.log(`  ${line}`);
}

export const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const ratio = (value: number, ceiling: number): string =>
  ceiling > 0 ? (value / ceiling).toFixed(2) : 'n/a';

/** Runs `work` and returns its result and the elapsed wall time in seconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Runs a bench's main, printing a failure and setting the exit code (the caller's handles may stay open). */
export function runBench(name: string, main: () => Promise<void>): void {
  const start = Date.now();
  main().then(
    () => {
      console.log(`  (${name} took ${((Date.now() - start) / 1000).toFixed(1)} s)`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`${name} failed:`, error);
      process.exit(1);
    },
  );
}

/** A bench's own migrated database and Redis key prefix, set in the environment for the apps it starts. */
export interface BenchSandbox {
  databaseUrl: string;
  redisPrefix: string;
  /** Drops the database and deletes the prefix's Redis keys; returns how many keys went. */
  cleanUp: () => Promise<number>;
}

export async function openSandbox(databaseName: string, prefixTag: string): Promise<BenchSandbox> {
  loadBenchEnv();
  const baseUrl = process.env.DATABASE_URL as string;
  const redisUrl = process.env.REDIS_URL as string;
  const databaseUrl = withDatabaseName(baseUrl, databaseName);
  const redisPrefix = `${prefixTag}_${process.pid}_${Date.now()}`;
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_PREFIX = redisPrefix;
  await dropDatabase(baseUrl, databaseName);
  await createDatabase(baseUrl, databaseName);
  await migrate(databaseUrl);
  return {
    databaseUrl,
    redisPrefix,
    cleanUp: async () => {
      const keys = await deleteRedisKeys(redisUrl, redisPrefix);
      await dropDatabase(baseUrl, databaseName);
      return keys;
    },
  };
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
