import { Module, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { drainJobs } from '@app/core';
import { ApiModule } from '../../apps/api/src/api.module';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestAppOptions {
  /** Also run the worker (processors, schedules, outbox relay) in this process. */
  worker?: boolean;
  /** Environment overrides for this app only (e.g. SMTP_URL of a capture server). */
  env?: Record<string, string>;
  /** Extra modules, e.g. test-only controllers. */
  imports?: Type<unknown>[];
}

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  /** Relays the outbox and waits until no queue has waiting or active jobs (needs `worker: true`). */
  drainJobs: (timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

async function withEnv<T>(env: Record<string, string>, build: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await build();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The real API app (the same factory as main.ts) on the test file's own database and Redis prefix. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  @Module({ imports: [ApiModule, ...(options.worker ? [WorkerModule] : []), ...(options.imports ?? [])] })
  class TestRootModule {}

  const app = await withEnv(options.env ?? {}, () => createApiApp(TestRootModule));
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    drainJobs: (timeoutMs = 15_000) => drainJobs(app, timeoutMs),
    close: () => app.close(),
  };
}
