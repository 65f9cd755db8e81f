/** Settings shared by the global setup and every test file. */
export const TEST_DATABASE_SERVER =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789abcdefghij';

/**
 * Test databases are named `billing_t_<unix seconds>_…` so that a run can drop what crashed runs left
 * behind (older than STALE_AFTER_SECONDS) without touching the databases of a run going on beside it.
 */
export const TEST_DATABASE_PREFIX = 'billing_t_';
export const STALE_AFTER_SECONDS = 3 * 3600;
export const testDatabaseName = (tag: string): string =>
  `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_${tag}`;

/** The run's migrated template, named by the global setup and inherited by the test workers. */
export const templateDatabase = (): string => {
  const name = process.env.BILLING_TEST_TEMPLATE;
  if (!name) throw new Error('BILLING_TEST_TEMPLATE is not set: run the tests through jest (global setup)');
  return name;
};
