// Entry point for the TypeORM CLI (migration:run, migration:generate): same options as the apps.
import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Invalid configuration: DATABASE_URL must be a postgres:// connection URL (it is missing).');
  process.exit(1);
}

export default new DataSource(dataSourceOptions(url));
