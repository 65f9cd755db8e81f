import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import type { JobName, JobPayloads } from './jobs';

export const JOB_HANDLER_METADATA = 'billing:job-handler';

export interface JobHandlerOptions {
  /**
   * Makes the job cluster-wide scheduled: a BullMQ job scheduler with this cron pattern (UTC) is upserted
   * at worker start, so one run happens per tick across all workers. A function reads it from the
   * configuration (an operator-tunable schedule).
   */
  schedule?: string | ((config: AppConfig) => string);
}

export interface JobHandlerMetadata extends JobHandlerOptions {
  name: JobName;
}

/** What @JobHandler stores: one method may process several names (e.g. a consumer of several events). */
interface JobHandlerDeclaration extends JobHandlerOptions {
  names: readonly JobName[];
}

/** The signature of a method decorated with @JobHandler(name). */
export type JobHandlerFn<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;

/**
 * Marks the one method that processes a job name (or each of several names: `job.name` tells which). A job
 * name without a processor stops the worker at boot.
 */
export const JobHandler = (
  name: JobName | readonly JobName[],
  options: JobHandlerOptions = {},
): MethodDecorator =>
  SetMetadata<string, JobHandlerDeclaration>(JOB_HANDLER_METADATA, {
    names: typeof name === 'string' ? [name] : name,
    ...options,
  });

export type { JobHandlerDeclaration };
