import 'reflect-metadata';
import { DataSource } from 'typeorm';
import {
  createDatabase,
  dataSourceOptions,
  dropDatabase,
  listDatabases,
  withDatabaseName,
} from '../../libs/core/src';
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, TEST_DATABASE_SERVER } from './test-env';

/** Migrates a template database once per run; each test file then gets its own copy of it. */
export default async function globalSetup(): Promise<void> {
  for (const stale of await listDatabases(TEST_DATABASE_SERVER, `${TEST_DATABASE_PREFIX}%`)) {
    await dropDatabase(TEST_DATABASE_SERVER, stale);
  }
  await dropDatabase(TEST_DATABASE_SERVER, TEMPLATE_DATABASE);
  await createDatabase(TEST_DATABASE_SERVER, TEMPLATE_DATABASE);
  const dataSource = new DataSource(
    dataSourceOptions(withDatabaseName(TEST_DATABASE_SERVER, TEMPLATE_DATABASE)),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
