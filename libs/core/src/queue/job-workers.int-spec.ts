import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
// The real worker: job names are owned by the domains (auth, …), so only the assembled worker has every
// handler. Core's own module set is used below to show the boot failure when some are missing.
import { WorkerModule } from '../../../../apps/worker/src/worker.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LoggerModule } from '../observability/logger.module';
import { RedisModule } from '../redis/redis.module';
import { waitFor } from '../../../../test/kit/wait-for';
import { JobWorkers } from './job-workers';
import { JOB_QUEUES, JobName, QueueName } from './jobs';
import { QueueRegistry } from './queue-registry';
import { QueueModule } from './queue.module';
import { WorkerRuntimeModule } from './worker-runtime.module';

async function startWorker(): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await context.init();
  return context;
}

describe('worker runtime', () => {
  it('refuses to start when a job name has no processor', async () => {
    // Core's runtime without the modules that process `mail.send` (core's mail) and the auth jobs.
    @Module({
      imports: [
        ConfigModule,
        LoggerModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        IdempotencyModule,
        WorkerRuntimeModule,
      ],
    })
    class WorkerWithoutMailAndAuth {}

    const moduleRef = await Test.createTestingModule({ imports: [WorkerWithoutMailAndAuth] }).compile();
    try {
      // onModuleInit runs before the relay, the schedules or any worker start, so nothing is consumed.
      // The names of the other domains' jobs follow (they grow with every domain): check the first ones.
      expect(() => moduleRef.get(JobWorkers).onModuleInit()).toThrow(
        /^Worker refuses to start: no processor for job name\(s\) mail\.send, auth\.purge-expired-credentials(\.|, )/,
      );
    } finally {
      await moduleRef.close();
    }
  });

  it('fails a job whose name it does not know for good, without retrying it', async () => {
    const context = await startWorker();
    try {
      const queue = context.get(QueueRegistry).get(QueueName.Default);
      const job = await queue.add('no.such.job', {}, { attempts: 5 });
      const failed = await waitFor(
        async () => ((await job.isFailed()) ? queue.getJob(String(job.id)) : undefined),
        10_000,
        'job to fail',
      );
      expect(failed?.failedReason).toBe('No processor for job name no.such.job');
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('registers the cluster-wide schedules once, however many workers start', async () => {
    const first = await startWorker();
    const second = await startWorker();
    try {
      const schedulers = await first.get(QueueRegistry).get(QueueName.Default).getJobSchedulers();
      // Domains add schedules of their own: these are the platform's and auth's.
      expect(schedulers.map((s) => s.key)).toEqual(
        expect.arrayContaining([
          'auth.purge-expired-credentials',
          'maintenance.purge-idempotency-keys',
          'maintenance.purge-sent-outbox',
        ]),
      );
      expect(new Set(schedulers.map((s) => s.key)).size).toBe(schedulers.length);
      expect(schedulers.find((s) => s.key === 'maintenance.purge-sent-outbox')?.pattern).toBe('17 3 * * *');
      expect(schedulers.find((s) => s.key === 'auth.purge-expired-credentials')?.pattern).toBe('43 2 * * *');
      // Every scheduled job of the default queue is there, and no other queue has one.
      expect(schedulers.every((s) => JOB_QUEUES[s.key as JobName] === QueueName.Default)).toBe(true);
      expect(await first.get(QueueRegistry).get(QueueName.Mail).getJobSchedulers()).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
