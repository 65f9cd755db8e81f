import 'reflect-metadata';
import { AppConfig, exitAfterGracePeriod, loadConfig, runMain } from '@app/core';
import { ApiModule } from './api.module';
import { createApiApp } from './create-api-app';

runMain(async () => {
  loadConfig(); // fail fast, before any connection is attempted
  const app = await createApiApp(ApiModule);
  const config = app.get(AppConfig);
  exitAfterGracePeriod(config.SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
});
