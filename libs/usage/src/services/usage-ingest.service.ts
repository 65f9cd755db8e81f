import { Injectable } from '@nestjs/common';
import { TransactionContext, newId } from '@app/core';
import { BillableMetricView, CatalogError, CatalogErrorCode, CatalogService } from '@app/catalog';
import { CustomersService } from '@app/customers';
import { SubscriptionsError, SubscriptionsErrorCode, SubscriptionsService } from '@app/subscriptions';
import { UsageAlertWatchlist } from '../alerts/usage-alert-watchlist';
import { UsageSettingsService } from '../settings/usage-settings.service';
import { UsageRejection } from '../usage.errors';
import { ParsedEvent, Rejected, numericValue, parseEvent, transactionIdOf } from './parse-event';
import { TtlCache } from './ttl-cache';
import { UsageEventRepository, UsageEventRow } from './usage-event.repository';

export type IngestStatus = 'accepted' | 'duplicate' | 'rejected';

export interface IngestResult {
  index: number;
  transactionId: string | null;
  status: IngestStatus;
  reason?: UsageRejection;
  message?: string;
}

/** How long a metric or customer looked up for ingestion is reused, and how many are kept per process. */
export const LOOKUP_CACHE_TTL_MS = 30_000;
const LOOKUP_CACHE_SIZE = 10_000;

type Metric = Pick<BillableMetricView, 'id' | 'aggregation' | 'fieldName'>;
const NUMERIC_AGGREGATIONS = new Set(['sum', 'max', 'latest']);

/**
 * The ingestion hot path: per batch, check every event in memory (against the organisation's cached time
 * window), resolve the metric codes and customer (or subscription) external ids of the organisation (cached
 * for a short time; unknown ones are never cached), then store the good events in one SQL statement. A bad
 * event never rejects the good ones.
 */
@Injectable()
export class UsageIngestService {
  private readonly metrics = new TtlCache<Metric>(LOOKUP_CACHE_TTL_MS, LOOKUP_CACHE_SIZE);
  private readonly customers = new TtlCache<string>(LOOKUP_CACHE_TTL_MS, LOOKUP_CACHE_SIZE);
  /** `orgId:subscriptionExternalId` → the subscription's customer id. */
  private readonly subscriptionCustomers = new TtlCache<string>(LOOKUP_CACHE_TTL_MS, LOOKUP_CACHE_SIZE);

  constructor(
    private readonly catalog: CatalogService,
    private readonly customerService: CustomersService,
    private readonly subscriptionService: SubscriptionsService,
    private readonly events: UsageEventRepository,
    private readonly settings: UsageSettingsService,
    private readonly alerts: UsageAlertWatchlist,
    private readonly tx: TransactionContext,
  ) {}

  /** Results in input order, one per item. */
  async ingest(orgId: string, items: readonly unknown[]): Promise<IngestResult[]> {
    const now = Date.now();
    const window = await this.settings.window(orgId);
    const results: IngestResult[] = new Array<IngestResult>(items.length);
    const reject = (index: number, raw: unknown, r: Rejected) => {
      results[index] = { index, transactionId: transactionIdOf(raw), status: 'rejected', ...r };
    };

    const parsed: { index: number; event: ParsedEvent }[] = [];
    items.forEach((raw, index) => {
      const event = parseEvent(raw, now, window);
      if ('reason' in event) reject(index, raw, event);
      else parsed.push({ index, event });
    });

    const idsOf = (pick: (e: ParsedEvent) => string | null) =>
      new Set(parsed.map((p) => pick(p.event)).filter((id): id is string => id !== null));
    const [metrics, customers, subscriptions] = await Promise.all([
      this.resolveMetrics(orgId, new Set(parsed.map((p) => p.event.metricCode))),
      this.resolveCustomers(
        orgId,
        idsOf((e) => e.customerExternalId),
      ),
      this.resolveSubscriptions(
        orgId,
        idsOf((e) => e.subscriptionExternalId),
      ),
    ]);

    const rows: UsageEventRow[] = [];
    const firstIndexOf = new Map<string, number>();
    for (const { index, event } of parsed) {
      const metric = metrics.get(event.metricCode);
      if (!metric) {
        reject(index, event, {
          reason: UsageRejection.UnknownMetric,
          message: `No billable metric ${event.metricCode}.`,
        });
        continue;
      }
      const customerId =
        event.customerExternalId !== null
          ? customers.get(event.customerExternalId)
          : subscriptions.get(event.subscriptionExternalId!);
      if (!customerId) {
        reject(
          index,
          event,
          event.customerExternalId !== null
            ? {
                reason: UsageRejection.UnknownCustomer,
                message: `No customer with external id ${event.customerExternalId}.`,
              }
            : {
                reason: UsageRejection.UnknownSubscription,
                message: `No subscription with external id ${event.subscriptionExternalId}.`,
              },
        );
        continue;
      }
      let value: string | null = null;
      if (NUMERIC_AGGREGATIONS.has(metric.aggregation) && metric.fieldName) {
        const numeric = numericValue(event.properties, metric.fieldName);
        if (typeof numeric !== 'string') {
          reject(index, event, numeric);
          continue;
        }
        value = numeric;
      }
      if (firstIndexOf.has(event.transactionId)) {
        // The same transaction id twice in one batch: the first good one is stored, the others are replays.
        results[index] = { index, transactionId: event.transactionId, status: 'duplicate' };
        continue;
      }
      firstIndexOf.set(event.transactionId, index);
      rows.push({
        id: newId(),
        transactionId: event.transactionId,
        customerId,
        metricId: metric.id,
        timestamp: event.timestamp,
        propertiesJson: event.propertiesJson,
        value,
      });
    }

    const stored = await this.store(orgId, rows);
    for (const row of rows) {
      const index = firstIndexOf.get(row.transactionId)!;
      results[index] = {
        index,
        transactionId: row.transactionId,
        status: stored.has(row.transactionId) ? 'accepted' : 'duplicate',
      };
    }
    return results;
  }

  /**
   * Stores the rows; when some of their customers have subscriptions with usage alerts, in one transaction
   * with a debounced evaluation per such subscription that got at least one new event (not per event).
   */
  private async store(orgId: string, rows: UsageEventRow[]): Promise<Set<string>> {
    const watched = await this.alerts.subscriptionsWatching(
      orgId,
      rows.map((r) => r.customerId),
    );
    if (watched.size === 0) return this.events.insertNew(orgId, rows);
    return this.tx.run(async () => {
      const stored = await this.events.insertNew(orgId, rows);
      const subscriptionIds = new Set(
        rows.filter((r) => stored.has(r.transactionId)).flatMap((r) => watched.get(r.customerId) ?? []),
      );
      for (const subscriptionId of subscriptionIds)
        await this.alerts.scheduleEvaluation(orgId, subscriptionId);
      return stored;
    });
  }

  private async resolveMetrics(orgId: string, codes: Set<string>): Promise<Map<string, Metric>> {
    const found = new Map<string, Metric>();
    await Promise.all(
      [...codes].map(async (code) => {
        const key = `${orgId}:${code}`;
        let metric = this.metrics.get(key);
        if (!metric) {
          try {
            const view = await this.catalog.getMetricByCode(orgId, code);
            metric = { id: view.id, aggregation: view.aggregation, fieldName: view.fieldName };
            this.metrics.set(key, metric);
          } catch (error) {
            if (
              error instanceof CatalogError &&
              error.code === (CatalogErrorCode.BillableMetricNotFound as string)
            )
              return;
            throw error;
          }
        }
        found.set(code, metric);
      }),
    );
    return found;
  }

  private async resolveCustomers(orgId: string, externalIds: Set<string>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const missing: string[] = [];
    for (const externalId of externalIds) {
      const id = this.customers.get(`${orgId}:${externalId}`);
      if (id) found.set(externalId, id);
      else missing.push(externalId);
    }
    if (missing.length) {
      for (const customer of await this.customerService.findByExternalIds(orgId, missing)) {
        if (customer.externalId === null) continue;
        found.set(customer.externalId, customer.id);
        this.customers.set(`${orgId}:${customer.externalId}`, customer.id);
      }
    }
    return found;
  }

  /** Subscription external ids → their customer ids (cached per organisation; unknown ids never cached). */
  private async resolveSubscriptions(orgId: string, externalIds: Set<string>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    await Promise.all(
      [...externalIds].map(async (externalId) => {
        const key = `${orgId}:${externalId}`;
        let customerId = this.subscriptionCustomers.get(key);
        if (!customerId) {
          try {
            customerId = (await this.subscriptionService.getByExternalId(orgId, externalId)).customerId;
            this.subscriptionCustomers.set(key, customerId);
          } catch (error) {
            if (
              error instanceof SubscriptionsError &&
              error.code === (SubscriptionsErrorCode.SubscriptionNotFound as string)
            )
              return;
            throw error;
          }
        }
        found.set(externalId, customerId);
      }),
    );
    return found;
  }
}
