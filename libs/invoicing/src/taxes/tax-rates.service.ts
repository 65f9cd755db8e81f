import { Injectable } from '@nestjs/common';
import { Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { Dec } from '../calculation/decimal';
import { TaxRateInput } from '../calculation/invoice-calculation.types';
import { CreateTaxRateDto, TaxRateQuery, UpdateTaxRateDto } from './dto/tax-rate.dto';
import { TaxRateResponse } from './dto/tax-rate.response';
import { TaxRate } from './entities/tax-rate.entity';
import { validCountry, validPercentage } from './tax-rate.validation';
import { TaxesErrorCode, invalidTaxField, taxRateNotFound } from './taxes.errors';

export const toTaxRateInput = (rate: TaxRate): TaxRateInput => ({
  taxRateId: rate.id,
  name: rate.name,
  percentage: new Dec(rate.percentage).toFixed(),
  inclusive: rate.inclusive,
});

function toTaxRateResponse(rate: TaxRate): TaxRateResponse {
  return {
    id: rate.id,
    name: rate.name,
    percentage: new Dec(rate.percentage).toFixed(),
    inclusive: rate.inclusive,
    country: rate.country,
    region: rate.region,
    description: rate.description,
    active: rate.active,
    isDefault: rate.isDefault,
    createdAt: rate.createdAt,
    updatedAt: rate.updatedAt,
  };
}

const memoKey = (orgId: string): string => `tax-rates:${orgId}`;

/** An organisation's tax rates. Another organisation's rate is a 404. */
@Injectable()
export class TaxRatesService {
  constructor(private readonly tx: TransactionContext) {}

  async create(orgId: string, input: CreateTaxRateDto): Promise<TaxRateResponse> {
    const rate = this.tx.manager.create(TaxRate, {
      orgId,
      name: input.name,
      percentage: validPercentage(input.percentage),
      inclusive: input.inclusive,
      country: validCountry(input.country) ?? null,
      region: input.region ?? null,
      description: input.description ?? null,
      active: true,
      isDefault: input.isDefault ?? false,
    });
    await this.tx.manager.insert(TaxRate, rate);
    this.tx.forget(memoKey(orgId));
    return this.get(orgId, rate.id);
  }

  async get(orgId: string, id: string): Promise<TaxRateResponse> {
    return toTaxRateResponse(await this.find(orgId, id));
  }

  async list(orgId: string, query: TaxRateQuery): Promise<Page<TaxRateResponse>> {
    const qb = this.tx.manager.createQueryBuilder(TaxRate, 'r').where('r.org_id = :orgId', { orgId });
    if (query.active !== undefined) qb.andWhere('r.active = :active', { active: query.active });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toTaxRateResponse) };
  }

  async update(orgId: string, id: string, input: UpdateTaxRateDto): Promise<TaxRateResponse> {
    const rate = await this.find(orgId, id);
    const changes: Partial<TaxRate> = {
      name: input.name,
      country: validCountry(input.country),
      region: input.region,
      description: input.description,
      isDefault: input.isDefault,
    };
    if (changes.isDefault && !rate.active)
      throw invalidTaxField(
        TaxesErrorCode.InvalidTaxRate,
        'isDefault',
        'an inactive rate cannot be a default',
      );
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length > 0) await this.tx.manager.update(TaxRate, { orgId, id }, defined);
    this.tx.forget(memoKey(orgId));
    return this.get(orgId, id);
  }

  /** No longer offered or applied (also removed from the defaults); invoices already made keep it. */
  async deactivate(orgId: string, id: string): Promise<TaxRateResponse> {
    await this.find(orgId, id);
    await this.tx.manager.update(TaxRate, { orgId, id }, { active: false, isDefault: false });
    this.tx.forget(memoKey(orgId));
    return this.get(orgId, id);
  }

  /** 422 naming `field` unless every id is an active rate of the organisation. */
  async assertActive(orgId: string, ids: readonly string[], field: string): Promise<void> {
    const found = await this.activeByIds(orgId, ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined)
      throw invalidTaxField(TaxesErrorCode.InvalidTaxRate, field, `${missing} is not an active tax rate`);
  }

  /** The active rates among `ids` (others, and malformed ids, are left out). */
  async activeByIds(orgId: string, ids: readonly string[]): Promise<Map<string, TaxRate>> {
    if (ids.length === 0) return new Map();
    const active = await this.active(orgId);
    return new Map(ids.flatMap((id) => (active.has(id) ? [[id, active.get(id)!]] : [])));
  }

  /** The organisation's active default rates, oldest first. */
  async defaults(orgId: string): Promise<TaxRate[]> {
    return [...(await this.active(orgId)).values()].filter((rate) => rate.isDefault);
  }

  /**
   * Every active rate of the organisation by id (in id order), read once per transaction: a billing batch
   * resolves the taxes of many invoices with the same few rates.
   */
  private active(orgId: string): Promise<Map<string, TaxRate>> {
    return this.tx.memo(memoKey(orgId), async () => {
      const rows = await this.tx.manager.find(TaxRate, {
        where: { orgId, active: true },
        order: { id: 'ASC' },
      });
      return new Map(rows.map((row) => [row.id, row]));
    });
  }

  private async find(orgId: string, id: string): Promise<TaxRate> {
    const rate = isUuid(id) ? await this.tx.manager.findOneBy(TaxRate, { orgId, id }) : null;
    if (!rate) throw taxRateNotFound(id);
    return rate;
  }
}
