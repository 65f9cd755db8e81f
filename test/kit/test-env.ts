/** Settings shared by the global setup and every test file. */
export const TEST_DATABASE_SERVER =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DATABASE = 'billing_test_template';
export const TEST_DATABASE_PREFIX = 'billing_t_';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789abcdefghij';
