import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { findSchemaDrift } from './schema-drift';

@Entity('drift_probe')
class DriftProbe {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  label: string;
}

async function withDataSource<T>(
  extraEntities: (typeof DriftProbe)[],
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const options = dataSourceOptions(process.env.DATABASE_URL as string);
  const dataSource = new DataSource({
    ...options,
    entities: [...(options.entities as string[]), ...extraEntities],
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('migration drift check', () => {
  it('finds no drift between the entities and the migrated schema', async () => {
    await withDataSource([], async (dataSource) => expect(await findSchemaDrift(dataSource)).toEqual([]));
  });

  it('reports the SQL an entity without a migration would need', async () => {
    const drift = await withDataSource([DriftProbe], findSchemaDrift);
    expect(drift).toEqual(expect.arrayContaining([expect.stringContaining('CREATE TABLE "drift_probe"')]));
  });
});
