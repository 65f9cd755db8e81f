import { dropDatabase } from '../../libs/core/src/database/database-admin';
import { TEST_DATABASE_SERVER } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.BILLING_TEST_TEMPLATE;
  if (template) await dropDatabase(TEST_DATABASE_SERVER, template);
}
