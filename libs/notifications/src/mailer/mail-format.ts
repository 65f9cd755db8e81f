import { fromMinorUnits } from '@app/core';

const supported = (locale: string): string => {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
};

/** Money and dates as the recipient reads them: Intl in the customer's locale and time zone. */
export class MailFormat {
  readonly locale: string;
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(locale: string, timeZone: string) {
    this.locale = supported(locale);
    let zone = 'UTC';
    try {
      zone = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
    } catch {
      // an unknown zone: UTC
    }
    this.dateFormat = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: zone });
  }

  /** Integer minor units, formatted from the exact decimal string (no float in between). */
  money(minor: number, currency: string): string {
    const amount = fromMinorUnits(minor, currency) as Intl.StringNumericLiteral;
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency }).format(amount);
  }

  date(value: Date | string): string {
    return this.dateFormat.format(new Date(value));
  }

  /** A decimal string (a usage quantity), grouped for the locale. */
  quantity(value: string): string {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: 6 }).format(
      value as Intl.StringNumericLiteral,
    );
  }
}
