import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';

/** One event ready to be stored: resolved ids, validated value. */
export interface UsageEventRow {
  id: string;
  transactionId: string;
  customerId: string;
  metricId: string;
  timestamp: Date;
  propertiesJson: string;
  /** Plain decimal string for sum/max/latest metrics, else null. */
  value: string | null;
}

/**
 * Raw SQL over `usage_event_keys` and the partitioned `usage_events` (no per-event ORM entities). Every
 * method takes the org id first.
 */
@Injectable()
export class UsageEventRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Stores the events whose (org, transaction id) is new, in ONE statement: the keys are inserted with
   * ON CONFLICT DO NOTHING, and only the events whose key was inserted go into `usage_events`. A
   * concurrent insert of the same key waits for the other transaction and then finds the conflict, so
   * each transaction id is stored exactly once. Rows are sent sorted by transaction id so that two
   * overlapping batches take their key locks in the same order (no deadlock).
   *
   * Returns the transaction ids that were stored; the others were already known (duplicates).
   */
  async insertNew(orgId: string, rows: readonly UsageEventRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const sorted = [...rows].sort((a, b) =>
      a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0,
    );
    const inserted: { transaction_id: string }[] = await this.tx.manager.query(
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[])
           WITH ORDINALITY AS t(id, transaction_id, customer_id, metric_id, "timestamp", properties, value, n)
       ), keys AS (
         INSERT INTO usage_event_keys (org_id, transaction_id, "timestamp")
         SELECT $1, transaction_id, "timestamp" FROM input ORDER BY n
         ON CONFLICT (org_id, transaction_id) DO NOTHING
         RETURNING transaction_id
       )
       INSERT INTO usage_events (id, org_id, transaction_id, customer_id, metric_id, "timestamp", properties, value)
       SELECT i.id, $1, i.transaction_id, i.customer_id, i.metric_id, i."timestamp", i.properties::jsonb, i.value::numeric
         FROM input i JOIN keys k ON k.transaction_id = i.transaction_id
       RETURNING transaction_id`,
      [
        orgId,
        sorted.map((r) => r.id),
        sorted.map((r) => r.transactionId),
        sorted.map((r) => r.customerId),
        sorted.map((r) => r.metricId),
        sorted.map((r) => r.timestamp.toISOString()),
        sorted.map((r) => r.propertiesJson),
        sorted.map((r) => r.value),
      ],
    );
    return new Set(inserted.map((r) => r.transaction_id));
  }
}
