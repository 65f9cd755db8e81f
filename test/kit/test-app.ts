import { Module, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { OutboxRelay, QueueName, QueueRegistry } from '@app/core';
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
    drainJobs: async (timeoutMs = 15_000) => {
      const relay = app.get(OutboxRelay);
      const queues = app.get(QueueRegistry);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const relayed = await relay.drain();
        const counts = await Promise.all(
          Object.values(QueueName).map((name) =>
            queues.get(name).getJobCounts('waiting', 'active', 'prioritized'),
          ),
        );
        const busy = counts.reduce(
          (sum, c) => sum + (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0),
          0,
        );
        if (relayed === 0 && busy === 0) return;
        if (Date.now() > deadline) throw new Error(`Jobs still running after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => app.close(),
  };
}
