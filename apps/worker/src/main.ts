import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, exitAfterGracePeriod, loadConfig, runMain } from '@app/core';
import { WorkerModule } from './worker.module';

runMain(async () => {
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  exitAfterGracePeriod(app.get(AppConfig).SHUTDOWN_TIMEOUT_MS);
  await app.init();
});
