/**
 * A cell that a spreadsheet would evaluate as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with
 * `'` (OWASP CSV injection). Use it on every attacker-controllable value of a CSV export.
 */
export const neutraliseCsvCell = (value: string | null | undefined): string =>
  value === null || value === undefined ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
