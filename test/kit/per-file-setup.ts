import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createDatabase, dropDatabase, withDatabaseName } from '@app/core';
import {
  TEST_DATABASE_SERVER,
  TEST_OPERATOR_TOKEN,
  TEST_REDIS_URL,
  templateDatabase,
  testDatabaseName,
} from './test-env';

/**
 * Gives this test file its own database (a copy of the migrated template) and its own Redis key prefix,
 * so files run in parallel and in any order without seeing each other's data.
 */
const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
const databaseName = testDatabaseName(suffix);
const redisPrefix = `test_${suffix}`;

Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: withDatabaseName(TEST_DATABASE_SERVER, databaseName),
  REDIS_URL: TEST_REDIS_URL,
  REDIS_PREFIX: redisPrefix,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  ADMIN_API_TOKEN: TEST_OPERATOR_TOKEN,
  JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnop',
  DATA_ENCRYPTION_KEY: 'dGVzdC1kYXRhLWVuY3J5cHRpb24ta2V5LTAxMjM0NTY=',
  WORKER_METRICS_PORT: '0',
  OUTBOX_POLL_MS: '50',
  // Webhook receivers in tests listen on loopback; the SSRF tests turn this off for themselves.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  SHUTDOWN_TIMEOUT_MS: '2000',
});

beforeAll(async () => {
  await createDatabase(TEST_DATABASE_SERVER, databaseName, templateDatabase());
});

afterAll(async () => {
  await dropDatabase(TEST_DATABASE_SERVER, databaseName);
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
});
