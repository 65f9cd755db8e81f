import { filterGroupError, firingValue, parseThreshold, sameFilterGroup } from './alert-rules';

describe('parseThreshold', () => {
  it.each([
    ['usage_threshold', '1000', { value: '1000' }],
    ['usage_threshold', '2.50', { value: '2.5' }],
    ['usage_threshold', '0', 'error'],
    ['usage_threshold', '-1', 'error'],
    ['usage_threshold', '1e3', 'error'],
    ['usage_threshold', 'lots', 'error'],
    ['cost_threshold', '5000', { value: '5000' }],
    ['cost_threshold', '0050', { value: '50' }],
    ['cost_threshold', '12.5', 'error'],
    ['cost_threshold', '0', 'error'],
    ['cost_threshold', '99999999999999999', 'error'],
    ['spike', '1.5', { value: '1.5' }],
    ['spike', '1', 'error'],
    ['spike', '0.5', 'error'],
    ['spike', '1000001', 'error'],
  ] as const)('%s %j → %j', (kind, raw, expected) => {
    const result = parseThreshold(kind, raw);
    if (expected === 'error') expect(result).toHaveProperty('error');
    else expect(result).toEqual(expected);
  });
});

describe('filter groups', () => {
  const metric = [
    { key: 'region', values: ['eu', 'us'] },
    { key: 'tier', values: ['free', 'pro'] },
  ];

  it('accepts a subset of the metric filters and refuses anything else', () => {
    expect(filterGroupError([], metric)).toBeNull();
    expect(filterGroupError([{ key: 'region', values: ['eu'] }], metric)).toBeNull();
    expect(filterGroupError([{ key: 'region', values: ['asia'] }], metric)).toMatch(/asia/);
    expect(filterGroupError([{ key: 'colour', values: ['red'] }], metric)).toMatch(/colour/);
    expect(filterGroupError([{ key: 'region', values: [] }], metric)).toMatch(/at least one/);
    expect(
      filterGroupError(
        [
          { key: 'region', values: ['eu'] },
          { key: 'region', values: ['us'] },
        ],
        metric,
      ),
    ).toMatch(/twice/);
    expect(filterGroupError([{ key: 'region', values: ['eu'] }], [])).toMatch(/no filters/);
  });

  it('compares groups as sets', () => {
    expect(
      sameFilterGroup([{ key: 'region', values: ['eu', 'us'] }], [{ key: 'region', values: ['us', 'eu'] }]),
    ).toBe(true);
    expect(sameFilterGroup([{ key: 'region', values: ['eu'] }], [{ key: 'region', values: ['us'] }])).toBe(
      false,
    );
    expect(sameFilterGroup([], [])).toBe(true);
    expect(sameFilterGroup([], [{ key: 'region', values: ['eu'] }])).toBe(false);
  });
});

describe('firingValue', () => {
  it('fires a threshold at or above it', () => {
    expect(firingValue('usage_threshold', '10', { current: '9.99' })).toBeNull();
    expect(firingValue('usage_threshold', '10', { current: '10' })).toBe('10');
    expect(firingValue('cost_threshold', '500', { current: '501' })).toBe('501');
    expect(firingValue('usage_threshold', '1', { current: '-5' })).toBeNull();
  });

  it('fires a spike at ratio × the previous period, never without previous usage', () => {
    expect(firingValue('spike', '1.5', { current: '100', previous: '0' })).toBeNull();
    expect(firingValue('spike', '1.5', { current: '100' })).toBeNull();
    expect(firingValue('spike', '1.5', { current: '2', previous: '2' })).toBeNull();
    expect(firingValue('spike', '1.5', { current: '3', previous: '2' })).toBe('1.5');
    expect(firingValue('spike', '1.5', { current: '10', previous: '3' })).toBe('3.333333');
  });
});
