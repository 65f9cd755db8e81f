import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, TransactionContext } from '@app/core';

/** A pending delivery this far past its next attempt lost its delayed job, or its worker died mid-attempt. */
export const OVERDUE_AFTER_MS = 5 * 60_000;
const BATCH = 500;

/**
 * Gives overdue pending deliveries a new attempt job. A delivery normally has its delayed job; one whose job
 * was lost (Redis flushed) or whose attempt's worker died (the claim's lease ran out) would wait forever. A
 * job too many is harmless: the attempt's claim lets one through.
 */
@Injectable()
export class WebhookDeliveryResumer {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  /** Enqueues an attempt for each delivery overdue at `now`; returns how many. */
  run(now = new Date()): Promise<number> {
    return this.tx.run(async (manager) => {
      const overdue: { org_id: string; id: string }[] = await manager.query(
        `SELECT org_id, id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at < $1
          ORDER BY next_attempt_at LIMIT $2`,
        [new Date(now.getTime() - OVERDUE_AFTER_MS), BATCH],
      );
      await this.jobs.enqueueMany(
        JobName.DeliverWebhook,
        overdue.map((d) => ({ orgId: d.org_id, deliveryId: d.id })),
      );
      return overdue.length;
    });
  }
}
