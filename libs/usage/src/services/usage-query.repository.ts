import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import type { Aggregation, MetricFilter } from '@app/catalog';

/** One aggregation to compute: a metric of one customer, optionally narrowed to a filter group. */
export interface UsageAggregationSpec {
  metricId: string;
  aggregation: Aggregation;
  fieldName: string | null;
  filters: MetricFilter[];
  /** Also return every event's value (percentage charges with a per-event minimum or maximum). */
  withEventValues?: boolean;
}

export interface UsageAggregate {
  /** Aggregated quantity as a plain decimal string ("0" without events). */
  quantity: string;
  eventCount: number;
  eventValues?: string[];
}

/** The SQL aggregate of the quantity; `field()` adds the fieldName parameter, `only` is a FILTER clause. */
function quantityExpression(aggregation: Aggregation, field: () => string, only: string): string {
  switch (aggregation) {
    case 'count':
      return `count(*) ${only}`;
    case 'sum':
      return `coalesce(sum(e.value) ${only}, 0)`;
    case 'max':
      return `coalesce(max(e.value) ${only}, 0)`;
    case 'unique_count':
      return `count(DISTINCT e.properties ->> ${field()}) ${only}`;
    case 'latest':
      return `coalesce((array_agg(e.value ORDER BY e."timestamp" DESC, e.id DESC) ${only})[1], 0)`;
  }
}

/**
 * The read side of usage events: aggregates, in ONE statement and ONE pass, the events of one customer in
 * [from, to) for every metric of the charges (`metric_id = ANY(…)`: ranges of the index `(org_id,
 * customer_id, metric_id, timestamp)`, or a scan of the period's partition when the customer is most of
 * it). Each charge is a set of aggregates with a `FILTER (WHERE metric … AND property IN group values)`,
 * so each event is read once whatever the number of charges. No per-event ORM.
 */
@Injectable()
export class UsageQueryRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Builds the statement and its parameters (exposed for the benchmark's raw-SQL ceiling). */
  static buildAggregationSql(
    orgId: string,
    customerId: string,
    from: Date,
    to: Date,
    specs: readonly UsageAggregationSpec[],
  ): { sql: string; params: unknown[] } {
    return aggregationSql(orgId, customerId, from, to, specs);
  }

  async aggregate(
    orgId: string,
    customerId: string,
    from: Date,
    to: Date,
    specs: readonly UsageAggregationSpec[],
  ): Promise<UsageAggregate[]> {
    if (specs.length === 0) return [];
    const { sql, params } = aggregationSql(orgId, customerId, from, to, specs);
    return toAggregates(specs, await this.tx.manager.query(sql, params));
  }

  /**
   * `aggregate` for many customers over the same period and specs, in one statement (grouped by customer): a
   * billing batch's closed periods. Every customer asked for is in the result.
   */
  async aggregateMany(
    orgId: string,
    customerIds: readonly string[],
    from: Date,
    to: Date,
    specs: readonly UsageAggregationSpec[],
  ): Promise<Map<string, UsageAggregate[]>> {
    const unique = [...new Set(customerIds)];
    const byCustomer = new Map<string, AggregateRow[]>(unique.map((id) => [id, []]));
    if (specs.length > 0 && unique.length > 0) {
      const { sql, params } = aggregationSql(orgId, unique, from, to, specs);
      const rows: AggregateRow[] = await this.tx.manager.query(sql, params);
      for (const row of rows) byCustomer.get(row.customer_id!)?.push(row);
    }
    return new Map([...byCustomer].map(([id, rows]) => [id, toAggregates(specs, rows)]));
  }
}

interface AggregateRow {
  customer_id?: string;
  idx: number;
  event_count: number;
  quantity: string;
  event_values: string[] | null;
}

/**
 * The statement for one customer (`customer`, one row per spec) or several (`customer` an array: grouped by
 * customer, one row per customer with events and spec).
 */
function aggregationSql(
  orgId: string,
  customer: string | readonly string[],
  from: Date,
  to: Date,
  specs: readonly UsageAggregationSpec[],
): { sql: string; params: unknown[] } {
  const grouped = typeof customer !== 'string';
  const params: unknown[] = [orgId, customer, from.toISOString(), to.toISOString()];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const metricIds = [...new Set(specs.map((spec) => spec.metricId))];
  const metrics = param(metricIds);
  const columns: string[] = grouped ? ['e.customer_id'] : [];
  const rows = specs.map((spec, k) => {
    const conditions = [
      `e.metric_id = ${param(spec.metricId)}::uuid`,
      ...spec.filters.map(
        (f) => `(e.properties ->> ${param(f.key)}::text) = ANY(${param(f.values)}::text[])`,
      ),
    ];
    const only = `FILTER (WHERE ${conditions.join(' AND ')})`;
    const field = () => `${param(spec.fieldName ?? '')}::text`;
    columns.push(
      `count(*) ${only} AS c${k}`,
      `(${quantityExpression(spec.aggregation, field, only)})::text AS q${k}`,
      spec.withEventValues
        ? `coalesce(array_agg(e.value::text ORDER BY e."timestamp", e.id) ${only}, '{}') AS v${k}`
        : `NULL::text[] AS v${k}`,
    );
    return `(${k}, a.c${k}::int, a.q${k}, a.v${k})`;
  });
  const sql = `SELECT ${grouped ? 'a.customer_id, ' : ''}r.* FROM (
         SELECT ${columns.join(',\n                ')}
           FROM usage_events e
          WHERE e.org_id = $1 AND e.customer_id = ${grouped ? 'ANY($2::uuid[])' : '$2'}
            AND e.metric_id = ANY(${metrics}::uuid[])
            AND e."timestamp" >= $3::timestamptz AND e."timestamp" < $4::timestamptz${grouped ? '\n          GROUP BY e.customer_id' : ''}
       ) a CROSS JOIN LATERAL (VALUES ${rows.join(', ')}) AS r(idx, event_count, quantity, event_values)`;
  return { sql, params };
}

/**
 * One aggregate per spec from a customer's rows; a spec without a row (a customer without events in a grouped
 * statement) is what the ungrouped statement returns for no events.
 */
function toAggregates(specs: readonly UsageAggregationSpec[], rows: AggregateRow[]): UsageAggregate[] {
  const result: UsageAggregate[] = specs.map((spec) => ({
    quantity: '0',
    eventCount: 0,
    ...(spec.withEventValues ? { eventValues: [] } : {}),
  }));
  for (const row of rows) {
    result[row.idx] = {
      quantity: normaliseDecimal(row.quantity),
      eventCount: row.event_count,
      ...(row.event_values ? { eventValues: row.event_values.map(normaliseDecimal) } : {}),
    };
  }
  return result;
}

/** Postgres numerics as plain decimals without trailing fractional zeros ("12.500" → "12.5"). */
export function normaliseDecimal(value: string | null): string {
  if (value === null) return '0';
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
