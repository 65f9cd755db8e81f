/**
 * Document number patterns such as `{prefix}-{YYYY}-{seq:6}`. Tokens: `{prefix}`, `{YYYY}`, `{YY}`, `{MM}`
 * (of the issue instant, UTC), `{seq}` and `{seq:N}` (zero padded to N digits, 1–12). Everything else is
 * literal text of letters, digits and `-_./#`.
 */
const TOKEN = /\{([^{}]*)\}/g;
const LITERAL = /^[A-Za-z0-9\-_./#]*$/;
const SEQ = /^seq(?::(\d{1,2}))?$/;
const DATE_TOKENS = new Set(['YYYY', 'YY', 'MM']);

export const PREFIX_PATTERN = /^[A-Za-z0-9\-_.]{1,20}$/;

/** Why the pattern is invalid, or null when it is valid. */
export function patternProblem(pattern: string, options: { yearlyReset: boolean }): string | null {
  if (pattern.length === 0 || pattern.length > 64) return 'must be 1-64 characters';
  let seqCount = 0;
  let hasYear = false;
  let literal = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    literal += pattern.slice(last, match.index);
    last = match.index + match[0].length;
    const token = match[1];
    const seq = SEQ.exec(token);
    if (seq) {
      const width = seq[1] === undefined ? 1 : Number(seq[1]);
      if (width < 1 || width > 12) return `{seq:N} needs N between 1 and 12`;
      seqCount++;
    } else if (DATE_TOKENS.has(token)) hasYear ||= token !== 'MM';
    else if (token !== 'prefix') return `unknown token {${token}}`;
  }
  literal += pattern.slice(last);
  if (!LITERAL.test(literal)) return 'text outside tokens may only hold letters, digits and - _ . / #';
  if (seqCount !== 1) return 'must contain {seq} or {seq:N} exactly once';
  if (options.yearlyReset && !hasYear) return 'must contain {YYYY} or {YY} when yearlyReset is on';
  return null;
}

/** The number for sequence value `seq` issued at `at`. The pattern must be valid. */
export function formatNumber(pattern: string, values: { prefix: string; seq: number; at: Date }): string {
  const year = String(values.at.getUTCFullYear());
  return pattern.replace(TOKEN, (_, token: string) => {
    if (token === 'prefix') return values.prefix;
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(-2);
    if (token === 'MM') return String(values.at.getUTCMonth() + 1).padStart(2, '0');
    const width = SEQ.exec(token)?.[1];
    return String(values.seq).padStart(width === undefined ? 1 : Number(width), '0');
  });
}

/** The counter's period: the UTC year of the issue instant. */
export const sequencePeriod = (at: Date): string => String(at.getUTCFullYear());
