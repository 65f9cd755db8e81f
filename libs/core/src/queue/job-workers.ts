import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { jobDuration, jobFailures } from '../observability/metrics';
import { redisConnectionOptions } from '../redis/redis-options';
import { JobHandlerRegistry, RegisteredJobHandler } from './job-handler-registry';
import { JOB_QUEUES, JobName, QueueName } from './jobs';
import { QueueRegistry } from './queue-registry';

/**
 * Runs the processors: one BullMQ Worker per queue dispatching each job to the handler of its name, and
 * the cluster-wide schedules. Exists only in the worker process (and in tests that run jobs in-process).
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);

  private workers: Worker[] = [];
  private handlers = new Map<JobName, RegisteredJobHandler>();

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Checked before anything starts (relay, schedules, workers): a missing processor aborts the boot. */
  onModuleInit(): void {
    this.handlers = this.registry.load();
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.handlers;
    await this.registerSchedules(handlers);
    const consumed = this.consumedQueues();
    this.workers = consumed.map((queue) => this.startWorker(queue, handlers));
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log({ queues: consumed, jobs: [...handlers.keys()] }, 'workers started');
  }

  /** WORKER_QUEUES, or every queue: a deployment can dedicate workers to PDFs or webhooks. */
  private consumedQueues(): QueueName[] {
    const all = Object.values(QueueName);
    return this.config.WORKER_QUEUES.length === 0
      ? all
      : all.filter((queue) => this.config.WORKER_QUEUES.includes(queue));
  }

  /** Stops taking jobs and waits for the ones in flight (BullMQ re-queues any that outlive the process). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers = [];
  }

  private async registerSchedules(handlers: Map<JobName, RegisteredJobHandler>): Promise<void> {
    for (const queueName of Object.values(QueueName)) {
      const queue = this.queues.get(queueName);
      const wanted = [...handlers.values()].filter((h) => h.schedule && JOB_QUEUES[h.name] === queueName);
      for (const handler of wanted) {
        await queue.upsertJobScheduler(
          handler.name,
          {
            pattern:
              typeof handler.schedule === 'function' ? handler.schedule(this.config) : handler.schedule,
            tz: 'UTC',
          },
          { name: handler.name, data: {} },
        );
      }
      const stale = (await queue.getJobSchedulers()).filter(
        (s) => !wanted.some((h) => h.name === (s.key as JobName)),
      );
      for (const scheduler of stale) await queue.removeJobScheduler(scheduler.key);
    }
  }

  private startWorker(queue: QueueName, handlers: Map<JobName, RegisteredJobHandler>): Worker {
    const worker = new Worker(queue, (job) => this.process(queue, job, handlers), {
      connection: redisConnectionOptions(this.config.REDIS_URL),
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      jobFailures.inc({ queue, job: job.name, final: String(final) });
      this.logger.warn(
        { queue, jobId: job.id, job: job.name, attempt: job.attemptsMade, final, err: error },
        'job failed',
      );
    });
    worker.on('error', (error) => this.logger.error({ queue, err: error }, 'worker error'));
    return worker;
  }

  private async process(
    queue: QueueName,
    job: Job,
    handlers: Map<JobName, RegisteredJobHandler>,
  ): Promise<unknown> {
    const handler = handlers.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`No processor for job name ${job.name}`);
    const stop = jobDuration.startTimer({ queue, job: job.name });
    try {
      const result = await handler.run(job.data, job);
      stop({ outcome: 'completed' });
      return result;
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    }
  }
}
