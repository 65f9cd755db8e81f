import { parsePercentage } from '../calculation/decimal';
import { TaxesErrorCode, invalidTaxField } from './taxes.errors';

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** '19', 19, '7.6543' → the normalised string; 422 for > 4 decimals, outside 0..100 or not a number. */
export function validPercentage(value: string | number): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const percentage = typeof text === 'string' ? parsePercentage(text) : undefined;
  if (!percentage)
    throw invalidTaxField(
      TaxesErrorCode.InvalidTaxRate,
      'percentage',
      'must be a number from 0 to 100 with at most 4 decimals',
    );
  return percentage.toFixed();
}

/** ISO 3166-1 alpha-2, upper-cased; null stays null; 422 otherwise. */
export function validCountry(value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return value;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ' || REGIONS.of(code) === undefined)
    throw invalidTaxField(
      TaxesErrorCode.InvalidTaxRate,
      'country',
      'must be an ISO 3166-1 alpha-2 country code',
    );
  return code;
}
