import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, TransactionContext } from '@app/core';
import { TtlCache } from '../services/ttl-cache';

/** Evaluations of one subscription's alerts are debounced: at most one job per subscription per window. */
export const ALERT_DEBOUNCE_MS = 5_000;
/** How long "which subscriptions of this customer have alerts" is reused by the ingest path. */
export const WATCHLIST_TTL_MS = 30_000;

/**
 * Which subscriptions have usage alerts, by customer (an event is the customer's, and every subscription of
 * the customer reads it). Cached per process, including "none", so that ingesting for customers without
 * alerts costs no query; creating or deleting an alert invalidates its customer's entry in this process
 * (other processes see it within the TTL).
 */
@Injectable()
export class UsageAlertWatchlist {
  private readonly byCustomer = new TtlCache<string[]>(WATCHLIST_TTL_MS, 50_000);

  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  /** Customer id → ids of its subscriptions with alerts; customers without any are left out. One query at most. */
  async subscriptionsWatching(orgId: string, customerIds: Iterable<string>): Promise<Map<string, string[]>> {
    const watched = new Map<string, string[]>();
    const missing: string[] = [];
    for (const customerId of new Set(customerIds)) {
      const cached = this.byCustomer.get(`${orgId}:${customerId}`);
      if (cached === undefined) missing.push(customerId);
      else if (cached.length) watched.set(customerId, cached);
    }
    if (missing.length) {
      const rows: { customer_id: string; subscription_ids: string[] }[] = await this.tx.manager.query(
        `SELECT customer_id, array_agg(DISTINCT subscription_id) AS subscription_ids
           FROM usage_alerts WHERE org_id = $1 AND customer_id = ANY($2::uuid[])
          GROUP BY customer_id`,
        [orgId, missing],
      );
      const found = new Map(rows.map((r) => [r.customer_id, r.subscription_ids]));
      for (const customerId of missing) {
        const subscriptionIds = found.get(customerId) ?? [];
        this.byCustomer.set(`${orgId}:${customerId}`, subscriptionIds);
        if (subscriptionIds.length) watched.set(customerId, subscriptionIds);
      }
    }
    return watched;
  }

  invalidate(orgId: string, customerId: string): void {
    this.byCustomer.delete(`${orgId}:${customerId}`);
  }

  /**
   * Enqueues (through the outbox, in the caller's transaction) an evaluation of the subscription's alerts
   * in ~5 s. The BullMQ job id names the subscription and the 5-second window, so the outbox rows of every
   * batch of that window become one job. A job id without the window would be deduplicated against the
   * completed job for as long as BullMQ keeps it (a week), so later usage would never be evaluated. The
   * window is in the id after a dot: BullMQ refuses custom ids with more than two colons.
   */
  scheduleEvaluation(orgId: string, subscriptionId: string, now = Date.now()): Promise<string> {
    const window = Math.floor(now / ALERT_DEBOUNCE_MS);
    return this.jobs.enqueue(
      JobName.EvaluateUsageAlerts,
      { orgId, subscriptionId },
      { jobId: `usage-alerts:${orgId}:${subscriptionId}.${window}`, delayMs: ALERT_DEBOUNCE_MS },
    );
  }
}
