import { DataSource } from 'typeorm';

/**
 * The SQL statements that would bring the database in line with the entities. On a database migrated to
 * the latest migration this must be empty; anything else means an entity changed without a migration.
 */
export async function findSchemaDrift(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}
