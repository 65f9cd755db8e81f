import { Decimal } from 'decimal.js';
import type { MetricFilter } from '@app/catalog';
import type { UsageAlertKind } from '@app/core';

const DECIMAL = /^\d{1,30}(\.\d{1,20})?$/;
const INTEGER = /^\d{1,16}$/;
const MAX_SPIKE_RATIO = new Decimal(1_000_000);

/**
 * The threshold of an alert of `kind`, normalised ("1.50" → "1.5"), or why it is refused:
 * `usage_threshold` a quantity > 0; `cost_threshold` whole minor units > 0; `spike` a ratio > 1.
 */
export function parseThreshold(kind: UsageAlertKind, raw: string): { value: string } | { error: string } {
  if (kind === 'cost_threshold') {
    if (!INTEGER.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) <= 0)
      return { error: 'must be a whole number of minor units greater than 0, e.g. "5000"' };
    return { value: String(Number(raw)) };
  }
  if (!DECIMAL.test(raw)) return { error: 'must be a decimal string, e.g. "1000" or "1.5"' };
  const value = new Decimal(raw);
  if (kind === 'spike' && (value.lte(1) || value.gt(MAX_SPIKE_RATIO)))
    return { error: 'must be a ratio greater than 1 (and at most 1000000), e.g. "1.5"' };
  if (value.lte(0)) return { error: 'must be greater than 0' };
  return { value: value.toFixed() };
}

/**
 * Why a filter group is refused for a metric, or null: each key must be one of the metric's filter keys
 * (once), with a non-empty subset of that filter's values.
 */
export function filterGroupError(group: MetricFilter[], metricFilters: MetricFilter[]): string | null {
  if (group.length > 0 && metricFilters.length === 0) return 'the metric has no filters';
  const seen = new Set<string>();
  for (const { key, values } of group) {
    const defined = metricFilters.find((f) => f.key === key);
    if (!defined) return `${key} is not a filter of the metric`;
    if (seen.has(key)) return `${key} is given twice`;
    seen.add(key);
    if (values.length === 0) return `${key} needs at least one value`;
    const unknown = values.filter((v) => !defined.values.includes(v));
    if (unknown.length) return `${unknown.join(', ')} is not a value of ${key}`;
  }
  return null;
}

/** Same keys, same sets of values (order does not matter). */
export function sameFilterGroup(a: MetricFilter[], b: MetricFilter[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((fa) => {
    const fb = b.find((f) => f.key === fa.key);
    if (!fb) return false;
    const values = new Set(fb.values);
    return new Set(fa.values).size === values.size && fa.values.every((v) => values.has(v));
  });
}

/** What an evaluation saw for one alert. `previous` only for spikes: the last period's total quantity. */
export interface Observation {
  /** The quantity so far (usage_threshold, spike) or the priced amount in minor units (cost_threshold). */
  current: string;
  previous?: string;
}

/**
 * The observed value (in the unit of the threshold) when the alert fires, else null. Negative quantities
 * (sums of refund events) count as 0. A spike never fires without usage in the previous period.
 */
export function firingValue(kind: UsageAlertKind, threshold: string, seen: Observation): string | null {
  const current = Decimal.max(0, new Decimal(seen.current));
  if (kind !== 'spike') return current.gte(threshold) ? current.toFixed() : null;
  const previous = Decimal.max(0, new Decimal(seen.previous ?? 0));
  if (previous.isZero()) return null;
  return current.gte(previous.times(threshold)) ? current.div(previous).toDecimalPlaces(6).toFixed() : null;
}
