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

/** The signature of a method decorated with @JobHandler(name). */
export type JobHandlerFn<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;

/** Marks the one method that processes a job name. A job name without one stops the worker at boot. */
export const JobHandler = (name: JobName, options: JobHandlerOptions = {}): MethodDecorator =>
  SetMetadata<string, JobHandlerMetadata>(JOB_HANDLER_METADATA, { name, ...options });
