// Applies pending migrations (used by `npm run migration:run`, the demo and the container entrypoint).
import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';

export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'Invalid configuration: DATABASE_URL must be a postgres:// connection URL (it is missing).',
    );
    process.exit(1);
  }
  migrate(url).then(
    (applied) =>
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database schema is up to date.'),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
