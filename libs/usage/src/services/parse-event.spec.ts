import { UsageRejection } from '../usage.errors';
import { numericValue, parseEvent } from './parse-event';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const base = { transactionId: 't1', customerExternalId: 'c1', metricCode: 'api_calls' };
const reasonOf = (raw: unknown) => {
  const result = parseEvent(raw, NOW);
  return 'reason' in result ? result.reason : 'ok';
};

describe('parseEvent', () => {
  it('accepts a minimal event, defaulting the timestamp to now and properties to {}', () => {
    expect(parseEvent(base, NOW)).toEqual({
      ...base,
      subscriptionExternalId: null,
      timestamp: new Date(NOW),
      properties: {},
      propertiesJson: '{}',
    });
  });

  it('accepts subscriptionExternalId instead of customerExternalId, and refuses both or neither', () => {
    const bySubscription = { transactionId: 't1', subscriptionExternalId: 's1', metricCode: 'api_calls' };
    expect(parseEvent(bySubscription, NOW)).toMatchObject({
      customerExternalId: null,
      subscriptionExternalId: 's1',
    });
    expect(parseEvent({ ...base, subscriptionExternalId: 's1' }, NOW)).toEqual({
      reason: UsageRejection.InvalidEvent,
      message: 'Give exactly one of customerExternalId and subscriptionExternalId.',
    });
    expect(reasonOf({ transactionId: 't1', metricCode: 'api_calls' })).toBe(UsageRejection.InvalidEvent);
    expect(reasonOf({ ...bySubscription, subscriptionExternalId: '' })).toBe(UsageRejection.InvalidEvent);
    expect(reasonOf({ ...bySubscription, subscriptionExternalId: 7 })).toBe(UsageRejection.InvalidEvent);
  });

  it.each([
    ['2026-03-10T12:04:59Z', 'ok'],
    ['2026-03-10T12:05:01Z', UsageRejection.TimestampInFuture],
    ['2026-02-03T12:00:01Z', 'ok'],
    ['2026-02-03T11:59:59Z', UsageRejection.TimestampTooOld],
    ['2026-03-10T13:00:00+02:00', 'ok'],
    ['2026-02-30T00:00:00Z', UsageRejection.InvalidEvent],
    ['2026-03-10T12:00:00', UsageRejection.InvalidEvent],
    ['yesterday', UsageRejection.InvalidEvent],
    [1741608000, UsageRejection.InvalidEvent],
  ])('timestamp %s → %s', (timestamp, expected) => {
    expect(reasonOf({ ...base, timestamp })).toBe(expected);
  });

  it('applies the organisation window and names it in the message', () => {
    const window = { maxAgeMs: 86_400_000, maxFutureMs: 0 };
    expect(parseEvent({ ...base, timestamp: '2026-03-09T12:00:00Z' }, NOW, window)).toHaveProperty(
      'timestamp',
    );
    expect(parseEvent({ ...base, timestamp: '2026-03-09T11:59:59Z' }, NOW, window)).toEqual({
      reason: UsageRejection.TimestampTooOld,
      message: 'timestamp is more than 1 day old.',
    });
    expect(parseEvent({ ...base, timestamp: '2026-03-10T12:00:01Z' }, NOW, window)).toEqual({
      reason: UsageRejection.TimestampInFuture,
      message: 'timestamp is more than 0 seconds in the future.',
    });
    expect(
      parseEvent({ ...base, timestamp: '2026-01-25T12:00:00Z' }, NOW, {
        ...window,
        maxAgeMs: 45 * 86_400_000,
      }),
    ).toHaveProperty('timestamp');
  });

  it.each([
    [{ ...base, transactionId: '' }, UsageRejection.InvalidEvent],
    [{ ...base, transactionId: 'x'.repeat(256) }, UsageRejection.InvalidEvent],
    [{ ...base, transactionId: 'x'.repeat(255) }, 'ok'],
    [{ ...base, transactionId: 'a\u0000b' }, UsageRejection.InvalidEvent],
    [{ ...base, customerExternalId: 42 }, UsageRejection.InvalidEvent],
    [{ ...base, metricCode: 'Not-A-Code' }, UsageRejection.UnknownMetric],
    [{ ...base, extra: 1 }, UsageRejection.InvalidEvent],
    [{ ...base, properties: [] }, UsageRejection.InvalidEvent],
    [{ ...base, properties: { a: 'x\u0000' } }, UsageRejection.InvalidEvent],
    [{ ...base, properties: { a: '\ud800' } }, UsageRejection.InvalidEvent],
    [{ ...base, properties: { a: '😀' } }, 'ok'],
    [{ ...base, properties: { a: 'é'.repeat(2040) } }, 'ok'],
    [{ ...base, properties: { a: 'é'.repeat(2050) } }, UsageRejection.PropertiesTooLarge],
    [null, UsageRejection.InvalidEvent],
  ])('%j → %s', (raw, expected) => {
    expect(reasonOf(raw)).toBe(expected);
  });
});

describe('numericValue', () => {
  it.each([
    [3, '3'],
    [-1.25, '-1.25'],
    ['2.50', '2.5'],
    [' 7 ', '7'],
    ['1e3', '1000'],
    [1e-7, '0.0000001'],
  ])('%j → %s', (value, expected) => {
    expect(numericValue({ gb: value }, 'gb')).toBe(expected);
  });

  it.each([[undefined], [null], ['lots'], [''], [true], [{}], ['1e30'], [Number.NaN], ['0x10']])(
    '%j is not numeric',
    (value) => {
      expect(numericValue({ gb: value }, 'gb')).toMatchObject({ reason: UsageRejection.NonNumericValue });
    },
  );

  it('does not read inherited properties', () => {
    expect(numericValue({}, 'constructor')).toMatchObject({ reason: UsageRejection.NonNumericValue });
  });
});
