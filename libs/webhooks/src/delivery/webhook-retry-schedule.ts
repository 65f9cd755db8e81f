import { Injectable } from '@nestjs/common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When failed deliveries are retried: 1 min, 5 min, 30 min, 2 h, 5 h, 10 h after the failed attempts, then
 * every 12 h, until 72 h after the first attempt (11 attempts in all). An endpoint whose deliveries have
 * failed without a success for 72 h is disabled. A provider, so that tests can shorten it.
 */
@Injectable()
export class WebhookRetrySchedule {
  readonly delaysMs: readonly number[] = [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR];
  readonly thenEveryMs = 12 * HOUR;
  readonly giveUpAfterMs = 72 * HOUR;
  readonly disableEndpointAfterMs = 72 * HOUR;

  /** The delay before the attempt after failed attempt `attempt` (1-based), or null to give up. */
  nextDelayMs(attempt: number, firstAttemptAt: Date, now: Date): number | null {
    const delay = this.delaysMs[attempt - 1] ?? this.thenEveryMs;
    const elapsed = now.getTime() - firstAttemptAt.getTime();
    return elapsed + delay > this.giveUpAfterMs ? null : delay;
  }
}
