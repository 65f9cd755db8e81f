/**
 * Every queue, every job name and every job's payload. A job name has exactly one processor (the worker
 * refuses to start otherwise) and runs on the queue given in JOB_QUEUES.
 */
export enum QueueName {
  Default = 'default',
  Mail = 'mail',
}

export enum JobName {
  SendEmail = 'mail.send',
  PurgeIdempotencyKeys = 'maintenance.purge-idempotency-keys',
  PurgeSentOutbox = 'maintenance.purge-sent-outbox',
  /** Owned by libs/auth: deletes spent and expired sessions, refresh tokens, emailed tokens, invitations. */
  PurgeExpiredCredentials = 'auth.purge-expired-credentials',
}

/** Scheduled jobs carry no payload; their handler works out what is due. */
export type ScheduledPayload = Record<string, never>;

export interface JobPayloads {
  [JobName.SendEmail]: { emailId: string };
  [JobName.PurgeIdempotencyKeys]: ScheduledPayload;
  [JobName.PurgeSentOutbox]: ScheduledPayload;
  [JobName.PurgeExpiredCredentials]: ScheduledPayload;
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Mail,
  [JobName.PurgeIdempotencyKeys]: QueueName.Default,
  [JobName.PurgeSentOutbox]: QueueName.Default,
  [JobName.PurgeExpiredCredentials]: QueueName.Default,
};

export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds after the row is relayed. */
  delayMs?: number;
  /** Deduplicates: a second job with the same id is dropped while the first is still known to BullMQ. */
  jobId?: string;
  /** Overrides the default number of attempts. */
  attempts?: number;
  priority?: number;
}
