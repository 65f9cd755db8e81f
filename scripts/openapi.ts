// Writes openapi.json at the repository root from the compiled API (so the Swagger CLI plugin's metadata is
// in it) and validates it. CI regenerates it and fails when the committed file differs.
import 'reflect-metadata';
import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { ApiModule } from '../apps/api/src/api.module';
import { createApiApp } from '../apps/api/src/create-api-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

const DEFAULTS: Record<string, string> = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  LOG_LEVEL: 'warn',
  JWT_SECRET: 'openapi-generation-only-secret-0123456789',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
};

async function main(): Promise<void> {
  for (const [key, value] of Object.entries(DEFAULTS)) process.env[key] ??= value;
  const app = await createApiApp(ApiModule);
  try {
    const document = buildOpenApiDocument(app);
    await SwaggerParser.validate(structuredClone(document) as never);
    const file = join(__dirname, '..', '..', 'openapi.json');
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`openapi.json written and valid: ${Object.keys(document.paths).length} paths.`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
