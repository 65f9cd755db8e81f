import { Injectable } from '@nestjs/common';
import { Page, TransactionContext, isCurrencyCode, minorUnitExponent, newId, paginateById } from '@app/core';
import { Dec, roundToMinor } from '../calculation/decimal';
import { FxRateQuery, PostFxRatesDto } from './dto/fx.dto';
import { FxConversionResponse, FxRateResponse, FxSettingsResponse } from './dto/fx.response';
import { FxRate } from './entities/fx-rate.entity';
import { FxSettings } from './entities/fx-settings.entity';
import { FxErrorCode, fxRateMissing, invalidFx } from './fx.errors';
import { isCalendarDate, validateFxRates } from './fx-rate.validation';

export interface FxConversionInput {
  /** Integer minor units of `from`. */
  amount: number;
  from: string;
  to: string;
  /** The day (YYYY-MM-DD, or a Date taken in UTC) whose rate applies. */
  on: string | Date;
}

function toFxRateResponse(r: FxRate): FxRateResponse {
  return {
    id: r.id,
    baseCurrency: r.baseCurrency,
    quoteCurrency: r.quoteCurrency,
    rate: new Dec(r.rate).toFixed(),
    effectiveDate: r.effectiveDate,
    source: r.source,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * Date-effective FX rates and the org's reporting currency. For reporting only: invoices are always in their
 * customer's currency and never convert.
 */
@Injectable()
export class FxService {
  constructor(private readonly tx: TransactionContext) {}

  async getSettings(orgId: string): Promise<FxSettingsResponse> {
    const row = await this.tx.manager.findOneBy(FxSettings, { orgId });
    return { reportingCurrency: row?.reportingCurrency ?? null };
  }

  async putSettings(orgId: string, reportingCurrency: string): Promise<FxSettingsResponse> {
    const currency = reportingCurrency.toUpperCase();
    if (!isCurrencyCode(currency))
      throw invalidFx(FxErrorCode.InvalidCurrency, [
        { field: 'reportingCurrency', message: 'must be an ISO 4217 currency code' },
      ]);
    await this.tx.manager.upsert(FxSettings, { orgId, reportingCurrency: currency }, ['orgId']);
    return this.getSettings(orgId);
  }

  /**
   * Upserts one rate (`manual`) or a batch (`import`) by (pair, effective date): all or nothing, every bad
   * item named in one 422.
   */
  async upsertRates(orgId: string, input: PostFxRatesDto): Promise<FxRateResponse[]> {
    const single = input.rates === undefined;
    if (
      !single &&
      [input.baseCurrency, input.quoteCurrency, input.rate, input.effectiveDate].some((v) => v !== undefined)
    )
      throw invalidFx(FxErrorCode.InvalidFxRate, [
        { field: 'rates', message: 'send either one rate or { rates: [...] }, not both' },
      ]);
    const { rates, errors } = validateFxRates(single ? [input] : input.rates!, (i) =>
      single ? '' : `rates.${i}.`,
    );
    if (errors.length > 0) throw invalidFx(FxErrorCode.InvalidFxRate, errors);
    const ids: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO fx_rates (id, org_id, base_currency, quote_currency, rate, effective_date, source)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::char(3)[], $4::char(3)[], $5::numeric[], $6::date[], $7::text[])
       ON CONFLICT (org_id, base_currency, quote_currency, effective_date)
       DO UPDATE SET rate = excluded.rate, source = excluded.source, updated_at = now()
       RETURNING id`,
      [
        rates.map(() => newId()),
        rates.map(() => orgId),
        rates.map((r) => r.baseCurrency),
        rates.map((r) => r.quoteCurrency),
        rates.map((r) => r.rate),
        rates.map((r) => r.effectiveDate),
        rates.map(() => (single ? 'manual' : 'import')),
      ],
    );
    const rows = await this.tx.manager
      .createQueryBuilder(FxRate, 'r')
      .where('r.org_id = :orgId AND r.id IN (:...ids)', { orgId, ids: ids.map((row) => row.id) })
      .orderBy('r.base_currency')
      .addOrderBy('r.quote_currency')
      .addOrderBy('r.effective_date')
      .getMany();
    return rows.map(toFxRateResponse);
  }

  /** Newest first; with `on`, only the rate in effect that day for each pair. */
  async listRates(orgId: string, query: FxRateQuery): Promise<Page<FxRateResponse>> {
    const qb = this.tx.manager.createQueryBuilder(FxRate, 'r').where('r.org_id = :orgId', { orgId });
    if (query.base) qb.andWhere('r.base_currency = :base', { base: query.base.toUpperCase() });
    if (query.quote) qb.andWhere('r.quote_currency = :quote', { quote: query.quote.toUpperCase() });
    if (!query.on) {
      const page = await paginateById(qb, query);
      return { ...page, data: page.data.map(toFxRateResponse) };
    }
    const rows = await qb
      .andWhere('r.effective_date <= :on', { on: query.on })
      .distinctOn(['r.base_currency', 'r.quote_currency'])
      .orderBy('r.base_currency')
      .addOrderBy('r.quote_currency')
      .addOrderBy('r.effective_date', 'DESC')
      .getMany();
    return { data: rows.map(toFxRateResponse), nextCursor: null, hasMore: false };
  }

  /**
   * `amount` (minor units of `from`) in `to`, at the latest rate effective on or before `on`: the direct
   * pair, or the inverse of the opposite pair (the later effective date wins, the direct pair on a tie).
   * Rounded half-up once to `to`'s minor unit. 422 `fx_rate_missing` when there is none.
   */
  async convert(orgId: string, input: FxConversionInput): Promise<FxConversionResponse> {
    const from = input.from.toUpperCase();
    const to = input.to.toUpperCase();
    const on = input.on instanceof Date ? input.on.toISOString().slice(0, 10) : input.on;
    const errors = [
      ...(Number.isSafeInteger(input.amount) ? [] : [{ field: 'amount', message: 'must be an integer' }]),
      ...(isCurrencyCode(from) ? [] : [{ field: 'from', message: 'must be an ISO 4217 currency code' }]),
      ...(isCurrencyCode(to) ? [] : [{ field: 'to', message: 'must be an ISO 4217 currency code' }]),
      ...(isCalendarDate(on) ? [] : [{ field: 'on', message: 'must be a date YYYY-MM-DD' }]),
    ];
    if (errors.length > 0) throw invalidFx(FxErrorCode.InvalidFxRate, errors);
    if (from === to)
      return { amount: input.amount, currency: to, rate: '1', effectiveDate: on, inverse: false };
    const [found] = await this.tx.manager.query<{ rate: string; effective_date: string; inverse: boolean }[]>(
      `SELECT rate::text, effective_date::text, inverse FROM (
         SELECT rate, effective_date, false AS inverse FROM fx_rates
          WHERE org_id = $1 AND base_currency = $2 AND quote_currency = $3 AND effective_date <= $4
         UNION ALL
         SELECT rate, effective_date, true FROM fx_rates
          WHERE org_id = $1 AND base_currency = $3 AND quote_currency = $2 AND effective_date <= $4
       ) r ORDER BY effective_date DESC, inverse ASC LIMIT 1`,
      [orgId, from, to, on],
    );
    if (!found) throw fxRateMissing(from, to, on);
    const rate = found.inverse ? new Dec(1).div(found.rate) : new Dec(found.rate);
    const amount = roundToMinor(
      new Dec(input.amount)
        .times(rate)
        .times(new Dec(10).pow(minorUnitExponent(to) - minorUnitExponent(from))),
    );
    return {
      amount,
      currency: to,
      rate: rate.toSignificantDigits(20).toFixed(),
      effectiveDate: found.effective_date,
      inverse: found.inverse,
    };
  }
}
