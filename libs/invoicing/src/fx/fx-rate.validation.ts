import { FieldError, isCurrencyCode } from '@app/core';
import { Dec } from '../calculation/decimal';
import { FxRateItemDto } from './dto/fx.dto';

export interface ValidFxRate {
  baseCurrency: string;
  quoteCurrency: string;
  rate: string;
  effectiveDate: string;
}

const RATE = /^\d{1,10}(\.\d{1,10})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const date = new Date(`${value as string}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value as string);
}

/** Every item checked; field errors name `<prefix>field` (e.g. `rates.3.rate`). */
export function validateFxRates(
  items: Partial<FxRateItemDto>[],
  prefixOf: (index: number) => string,
): { rates: ValidFxRate[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const rates = items.map((item, index) => {
    const fail = (field: string, message: string) =>
      errors.push({ field: `${prefixOf(index)}${field}`, message });
    const base = String(item.baseCurrency ?? '').toUpperCase();
    const quote = String(item.quoteCurrency ?? '').toUpperCase();
    if (!isCurrencyCode(base)) fail('baseCurrency', 'must be an ISO 4217 currency code');
    if (!isCurrencyCode(quote)) fail('quoteCurrency', 'must be an ISO 4217 currency code');
    else if (quote === base) fail('quoteCurrency', 'must differ from baseCurrency');
    const text = typeof item.rate === 'number' && Number.isFinite(item.rate) ? String(item.rate) : item.rate;
    const valid = typeof text === 'string' && RATE.test(text) && new Dec(text).gt(0);
    if (!valid) fail('rate', 'must be a number above 0 with at most 10 integer digits and 10 decimals');
    if (!isCalendarDate(item.effectiveDate)) fail('effectiveDate', 'must be a date YYYY-MM-DD');
    const key = `${base}/${quote}@${item.effectiveDate}`;
    if (seen.has(key))
      fail('effectiveDate', `a rate for ${base}/${quote} on this day is already in the batch`);
    seen.add(key);
    return {
      baseCurrency: base,
      quoteCurrency: quote,
      rate: valid ? new Dec(text).toFixed() : '',
      effectiveDate: item.effectiveDate ?? '',
    };
  });
  return { rates, errors };
}
