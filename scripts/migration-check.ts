// Fails (exit 1) when the entities and the migrations disagree: migrates a scratch database to the latest
// migration, then asks TypeORM what SQL it would still need. Run by CI on every change.
import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import {
  createDatabase,
  dataSourceOptions,
  dropDatabase,
  findSchemaDrift,
  withDatabaseName,
} from '@app/core';

async function main(): Promise<number> {
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = `billing_drift_${process.pid}_${Date.now()}`;
  await createDatabase(baseUrl, scratch);
  const dataSource = new DataSource(dataSourceOptions(withDatabaseName(baseUrl, scratch)));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const drift = await findSchemaDrift(dataSource);
    if (drift.length === 0) {
      console.log(`migration:check ok: ${applied.length} migration(s) applied, entities match the schema.`);
      return 0;
    }
    console.error(
      'migration:check failed: entities differ from the migrations. Run `npm run migration:generate -- migrations/<Name>`.',
    );
    for (const statement of drift) console.error(`  ${statement};`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(baseUrl, scratch);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
