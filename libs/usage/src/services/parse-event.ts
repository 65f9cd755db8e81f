import { Decimal } from 'decimal.js';
import { UsageRejection } from '../usage.errors';
import { DEFAULT_INGESTION_WINDOW, IngestionWindow, USAGE_LIMITS } from '../usage.limits';

/**
 * One event that is well-formed and inside the time window; metric and customer are not resolved yet.
 * Exactly one of `customerExternalId` and `subscriptionExternalId` is set (the other is null).
 */
export interface ParsedEvent {
  transactionId: string;
  customerExternalId: string | null;
  subscriptionExternalId: string | null;
  metricCode: string;
  timestamp: Date;
  properties: Record<string, unknown>;
  /** `properties` serialized once (what is stored as jsonb). */
  propertiesJson: string;
}

export interface Rejected {
  reason: UsageRejection;
  message: string;
}

/** The transaction id of a raw item when it has a usable one (for the per-item result), else null. */
export const transactionIdOf = (raw: unknown): string | null => {
  const id = isObject(raw) ? raw.transactionId : undefined;
  return typeof id === 'string' && id.length <= USAGE_LIMITS.maxTransactionIdLength ? id : null;
};

const FIELDS = new Set([
  'transactionId',
  'customerExternalId',
  'subscriptionExternalId',
  'metricCode',
  'timestamp',
  'properties',
]);
const METRIC_CODE = /^[a-z0-9_]{1,64}$/;
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (message: string): Rejected => ({ reason: UsageRejection.InvalidEvent, message });

function text(raw: Record<string, unknown>, field: string, max: number): string | Rejected {
  const value = raw[field];
  if (value === undefined || value === null) return invalid(`${field} is required.`);
  if (typeof value !== 'string') return invalid(`${field} must be a string.`);
  if (value.length < 1 || value.length > max) return invalid(`${field} must be 1 to ${max} characters.`);
  if (CONTROL.test(value) || !wellFormed(value))
    return invalid(`${field} must not contain control characters.`);
  return value;
}

/** Postgres text and jsonb can hold neither NUL nor lone UTF-16 surrogates: refuse them up front. */
function storable(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return !value.includes('\u0000') && wellFormed(value);
  if (Array.isArray(value)) return value.every((v) => storable(v, depth + 1));
  if (isObject(value))
    return Object.entries(value).every(([k, v]) => storable(k, depth + 1) && storable(v, depth + 1));
  return true;
}

/** "35 days", "1 hour", "90 minutes", "0 seconds": the largest whole unit that says it exactly. */
function duration(ms: number): string {
  if (ms === 0) return '0 seconds';
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['millisecond', 1];
  const n = ms / size;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function parseTimestamp(value: unknown, now: number, window: IngestionWindow): Date | Rejected {
  if (value === undefined || value === null) return new Date(now);
  const match = typeof value === 'string' ? ISO_TIMESTAMP.exec(value) : null;
  if (!match)
    return invalid('timestamp must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z.');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ms = Date.parse(value as string);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number.isNaN(ms))
    return invalid('timestamp is not a valid date.');
  if (ms < now - window.maxAgeMs)
    return {
      reason: UsageRejection.TimestampTooOld,
      message: `timestamp is more than ${duration(window.maxAgeMs)} old.`,
    };
  if (ms > now + window.maxFutureMs)
    return {
      reason: UsageRejection.TimestampInFuture,
      message: `timestamp is more than ${duration(window.maxFutureMs)} in the future.`,
    };
  return new Date(ms);
}

/** Checks one raw event in memory: shape, text, time window (the organisation's) and properties size. Pure. */
export function parseEvent(
  raw: unknown,
  now: number,
  window: IngestionWindow = DEFAULT_INGESTION_WINDOW,
): ParsedEvent | Rejected {
  if (!isObject(raw)) return invalid('An event must be a JSON object.');
  const unknown = Object.keys(raw).filter((key) => !FIELDS.has(key));
  if (unknown.length) return invalid(`Unknown field(s): ${unknown.join(', ')}.`);

  const transactionId = text(raw, 'transactionId', USAGE_LIMITS.maxTransactionIdLength);
  if (typeof transactionId !== 'string') return transactionId;
  const byCustomer = raw.customerExternalId !== undefined && raw.customerExternalId !== null;
  const bySubscription = raw.subscriptionExternalId !== undefined && raw.subscriptionExternalId !== null;
  if (byCustomer === bySubscription)
    return invalid('Give exactly one of customerExternalId and subscriptionExternalId.');
  const externalId = text(
    raw,
    byCustomer ? 'customerExternalId' : 'subscriptionExternalId',
    USAGE_LIMITS.maxExternalIdLength,
  );
  if (typeof externalId !== 'string') return externalId;
  const customerExternalId = byCustomer ? externalId : null;
  const subscriptionExternalId = byCustomer ? null : externalId;
  const metricCode = text(raw, 'metricCode', 64);
  if (typeof metricCode !== 'string') return metricCode;
  if (!METRIC_CODE.test(metricCode))
    return { reason: UsageRejection.UnknownMetric, message: `No billable metric ${metricCode}.` };

  const timestamp = parseTimestamp(raw.timestamp, now, window);
  if (!(timestamp instanceof Date)) return timestamp;

  const properties = raw.properties ?? {};
  if (!isObject(properties)) return invalid('properties must be a JSON object.');
  if (Object.keys(properties).length > USAGE_LIMITS.maxPropertiesKeys)
    return {
      reason: UsageRejection.PropertiesTooLarge,
      message: `properties has more than ${USAGE_LIMITS.maxPropertiesKeys} keys.`,
    };
  let propertiesJson: string;
  try {
    propertiesJson = JSON.stringify(properties);
  } catch {
    return invalid('properties cannot be serialized.');
  }
  if (Buffer.byteLength(propertiesJson, 'utf8') > USAGE_LIMITS.maxPropertiesBytes)
    return {
      reason: UsageRejection.PropertiesTooLarge,
      message: `properties is larger than ${USAGE_LIMITS.maxPropertiesBytes} bytes serialized.`,
    };
  if (!storable(properties)) return invalid('properties must not contain NUL characters or lone surrogates.');

  return {
    transactionId,
    customerExternalId,
    subscriptionExternalId,
    metricCode,
    timestamp,
    properties,
    propertiesJson,
  };
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const LIMIT = new Decimal('1e30');

/**
 * The numeric value of `properties[fieldName]` for sum/max/latest metrics, as a plain decimal string
 * (stored in `value numeric`): a finite JSON number or a numeric string, |value| < 1e30.
 */
export function numericValue(properties: Record<string, unknown>, fieldName: string): string | Rejected {
  const raw = Object.hasOwn(properties, fieldName) ? properties[fieldName] : undefined;
  const notNumeric = (why: string): Rejected => ({
    reason: UsageRejection.NonNumericValue,
    message: `properties.${fieldName} ${why}.`,
  });
  if (raw === undefined || raw === null) return notNumeric('is required by the metric and missing');
  let value: Decimal;
  if (typeof raw === 'number' && Number.isFinite(raw)) value = new Decimal(raw);
  else if (typeof raw === 'string' && raw.length <= 64 && NUMERIC.test(raw.trim()))
    value = new Decimal(raw.trim());
  else return notNumeric('must be a number or a numeric string');
  if (!value.isFinite() || value.abs().gte(LIMIT)) return notNumeric('is out of range');
  return value.toFixed();
}
