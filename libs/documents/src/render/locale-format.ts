import Decimal from 'decimal.js';
import { fromMinorUnits, minorUnitExponent } from '@app/core';

export const FALLBACK_LOCALE = 'en-US';

/** The customer's locale when Intl knows it, en-US otherwise. */
export function documentLocale(locale: string | null | undefined): string {
  if (!locale) return FALLBACK_LOCALE;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

/** A decimal string for Intl: formatted exactly (no float rounding) by Intl.NumberFormat v3. */
const exact = (value: string): number => value as unknown as number;

/**
 * Money and dates of one document, formatted with Intl in one locale: `money(123456, 'EUR')` is
 * "1.234,56 €" in de-DE and "€1,234.56" in en-US, with the currency's minor-unit exponent (JPY 0, KWD 3).
 */
export class LocaleFormat {
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
  ) {
    this.dateFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeZone: safeTimeZone(timeZone),
    });
  }

  /** Integer minor units. */
  money(minor: number, currency: string): string {
    return this.moneyFormat(currency).format(exact(fromMinorUnits(minor, currency)));
  }

  /** A unit price: major units as a decimal string, keeping fractions of a minor unit (usage pricing). */
  unitPrice(major: string, currency: string): string {
    const exponent = minorUnitExponent(currency);
    const digits = Math.min(Math.max(new Decimal(major).decimalPlaces(), exponent), 12);
    return new Intl.NumberFormat(this.locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: digits,
    }).format(exact(major));
  }

  quantity(value: string): string {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: 12 }).format(exact(value));
  }

  /** A percentage given as a decimal string of percent ("20" → "20 %" in de-DE, "20%" in en-US). */
  percent(value: string): string {
    const fraction = new Decimal(value).dividedBy(100).toString();
    return new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 4 }).format(
      exact(fraction),
    );
  }

  date(value: Date | string | null | undefined): string {
    return value ? this.dateFormat.format(new Date(value)) : '';
  }

  private moneyFormat(currency: string): Intl.NumberFormat {
    let format = this.moneyFormats.get(currency);
    if (!format) {
      const digits = minorUnitExponent(currency);
      format = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      this.moneyFormats.set(currency, format);
    }
    return format;
  }
}

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
