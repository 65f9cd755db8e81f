import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LoggerModule } from '../observability/logger.module';
import { RedisModule } from '../redis/redis.module';
import { startCoreContext } from '../../../../test/kit/core-context';
import { waitFor } from '../../../../test/kit/wait-for';
import { JobWorkers } from './job-workers';
import { QueueName } from './jobs';
import { QueueRegistry } from './queue-registry';
import { QueueModule } from './queue.module';
import { WorkerRuntimeModule } from './worker-runtime.module';

describe('worker runtime', () => {
  it('refuses to start when a job name has no processor', async () => {
    // Everything the worker has, except the mail module that processes `mail.send`.
    @Module({ imports: [ConfigModule, LoggerModule, DatabaseModule, RedisModule, QueueModule, IdempotencyModule, WorkerRuntimeModule] })
    class WorkerWithoutMail {}

    const moduleRef = await Test.createTestingModule({ imports: [WorkerWithoutMail] }).compile();
    try {
      // onModuleInit runs before the relay, the schedules or any worker start, so nothing is consumed.
      expect(() => moduleRef.get(JobWorkers).onModuleInit()).toThrow(
        'Worker refuses to start: no processor for job name(s) mail.send.',
      );
    } finally {
      await moduleRef.close();
    }
  });

  it('fails a job whose name it does not know for good, without retrying it', async () => {
    const context = await startCoreContext([WorkerRuntimeModule]);
    try {
      const queue = context.get(QueueRegistry).get(QueueName.Default);
      const job = await queue.add('no.such.job', {}, { attempts: 5 });
      const failed = await waitFor(async () => ((await job.isFailed()) ? queue.getJob(String(job.id)) : undefined), 10_000, 'job to fail');
      expect(failed?.failedReason).toBe('No processor for job name no.such.job');
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('registers the cluster-wide schedules once, however many workers start', async () => {
    const first = await startCoreContext([WorkerRuntimeModule]);
    const second = await startCoreContext([WorkerRuntimeModule]);
    try {
      const schedulers = await first.get(QueueRegistry).get(QueueName.Default).getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(['maintenance.purge-idempotency-keys', 'maintenance.purge-sent-outbox']);
      expect(schedulers.find((s) => s.key === 'maintenance.purge-sent-outbox')?.pattern).toBe('17 3 * * *');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
