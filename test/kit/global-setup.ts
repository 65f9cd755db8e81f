import 'tsconfig-paths/register'; // entity files found by glob import @app/* aliases
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import {
  createDatabase,
  dataSourceOptions,
  dropDatabase,
  listDatabases,
  withDatabaseName,
} from '../../libs/core/src';
import {
  STALE_AFTER_SECONDS,
  TEST_DATABASE_PREFIX,
  TEST_DATABASE_SERVER,
  testDatabaseName,
} from './test-env';

async function dropStaleDatabases(): Promise<void> {
  const cutoff = Math.floor(Date.now() / 1000) - STALE_AFTER_SECONDS;
  for (const name of await listDatabases(TEST_DATABASE_SERVER, `${TEST_DATABASE_PREFIX}%`)) {
    const createdAt = Number(name.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
    if (!Number.isFinite(createdAt) || createdAt < cutoff) await dropDatabase(TEST_DATABASE_SERVER, name);
  }
}

/** Migrates a template database once per run; each test file then gets its own copy of it. */
export default async function globalSetup(): Promise<void> {
  await dropStaleDatabases();
  const template = testDatabaseName(`template_${process.pid}`);
  await createDatabase(TEST_DATABASE_SERVER, template);
  const dataSource = new DataSource(dataSourceOptions(withDatabaseName(TEST_DATABASE_SERVER, template)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env.BILLING_TEST_TEMPLATE = template;
}
