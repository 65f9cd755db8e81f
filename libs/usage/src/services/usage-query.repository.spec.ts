import { UsageQueryRepository, normaliseDecimal } from './usage-query.repository';

describe('UsageQueryRepository.buildAggregationSql', () => {
  const from = new Date('2026-11-01T00:00:00Z');
  const to = new Date('2026-12-01T00:00:00Z');

  it('is one statement over the metrics of all charges, one FILTER per charge, parameters only', () => {
    const { sql, params } = UsageQueryRepository.buildAggregationSql('org', 'cus', from, to, [
      { metricId: 'm1', aggregation: 'count', fieldName: null, filters: [{ key: 'region', values: ['eu'] }] },
      { metricId: 'm1', aggregation: 'count', fieldName: null, filters: [{ key: 'region', values: ['us'] }] },
      { metricId: 'm2', aggregation: 'unique_count', fieldName: "user'id", filters: [] },
    ]);
    expect(sql.match(/FROM usage_events/g)).toHaveLength(1);
    expect(sql).toContain('e.metric_id = ANY($5::uuid[])');
    expect(sql).not.toContain("user'id");
    expect(params.slice(0, 5)).toEqual(['org', 'cus', from.toISOString(), to.toISOString(), ['m1', 'm2']]);
    expect(params).toContain("user'id");
    expect(params).toContainEqual(['eu']);
    expect(params).toContainEqual(['us']);
    // Every placeholder has its parameter (an unused one would be an untyped-parameter error).
    const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => i + 1));
  });
});

describe('normaliseDecimal', () => {
  it.each([
    ['12.500', '12.5'],
    ['12.000', '12'],
    ['100', '100'],
    ['0.0', '0'],
    [null, '0'],
  ])('%s → %s', (input, output) => expect(normaliseDecimal(input)).toBe(output));
});
