import { formatNumber, patternProblem } from './number-pattern';

describe('number patterns', () => {
  const at = new Date('2031-03-05T10:00:00Z');

  it('formats every token', () => {
    expect(formatNumber('{prefix}-{YYYY}-{seq:6}', { prefix: 'INV', seq: 42, at })).toBe('INV-2031-000042');
    expect(formatNumber('{prefix}/{YY}{MM}/{seq}', { prefix: 'A', seq: 7, at })).toBe('A/3103/7');
    expect(formatNumber('{prefix}-{seq:3}', { prefix: 'X', seq: 12345, at })).toBe('X-12345');
  });

  it('uses the UTC year of the issue instant', () => {
    const newYearsEveBerlin = new Date('2030-12-31T23:30:00Z');
    expect(formatNumber('{YYYY}-{seq}', { prefix: '', seq: 1, at: newYearsEveBerlin })).toBe('2030-1');
  });

  it.each([
    ['{prefix}-{YYYY}-{seq:6}', true, null],
    ['{prefix}-{seq}', false, null],
    ['{prefix}-{YYYY}', true, 'must contain {seq} or {seq:N} exactly once'],
    ['{seq}-{seq}-{YYYY}', true, 'must contain {seq} or {seq:N} exactly once'],
    ['{prefix}-{seq}', true, 'must contain {YYYY} or {YY} when yearlyReset is on'],
    ['{prefix}-{MM}-{seq}', true, 'must contain {YYYY} or {YY} when yearlyReset is on'],
    ['{prefix}-{day}-{seq}', false, 'unknown token {day}'],
    ['{prefix}-{seq:0}', false, '{seq:N} needs N between 1 and 12'],
    ['{prefix}-{seq:13}', false, '{seq:N} needs N between 1 and 12'],
    ['{prefix} {seq}', false, 'text outside tokens may only hold letters, digits and - _ . / #'],
    ['', false, 'must be 1-64 characters'],
  ])('%s (yearly reset %s) → %s', (pattern, yearlyReset, problem) => {
    expect(patternProblem(pattern, { yearlyReset })).toBe(problem);
  });
});
