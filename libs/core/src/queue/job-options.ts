import { JobsOptions } from 'bullmq';

const DAY_SECONDS = 24 * 3600;

/**
 * Retried with exponential backoff (1 s, 2 s, 4 s … about 2 h in all) and 50 % jitter so that a burst of
 * failures does not retry in lockstep. Failed-for-good jobs are kept (never removed) so that operators can
 * list and retry them; completed ones are kept a week so that a relayed outbox row is deduplicated by id.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 13,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 7 * DAY_SECONDS, count: 50_000 },
  removeOnFail: false,
};
