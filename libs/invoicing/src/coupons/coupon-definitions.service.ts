import { Injectable } from '@nestjs/common';
import { Page, TransactionContext, isCurrencyCode, isUuid, paginateById } from '@app/core';
import { parsePercentage } from '../calculation/decimal';
import { CouponsErrorCode, couponNotFound, invalidCouponField } from './coupons.errors';
import { CouponQuery, CreateCouponDto, UpdateCouponDto } from './dto/coupon.dto';
import { CouponResponse } from './dto/coupon.response';
import { toCouponResponse } from './coupon-views';
import { Coupon } from './entities/coupon.entity';

const invalid = (field: string, message: string) =>
  invalidCouponField(CouponsErrorCode.InvalidCoupon, field, message);

/** The discount a coupon gives: percent xor fixed amount + currency; 422 naming the field otherwise. */
function discountOf(input: CreateCouponDto): Pick<Coupon, 'percentOff' | 'amountOff' | 'currency'> {
  if (input.kind === 'percent') {
    if (input.amountOff !== undefined) throw invalid('amountOff', 'only for fixed coupons');
    if (input.currency !== undefined) throw invalid('currency', 'only for fixed coupons');
    const text = typeof input.percentOff === 'number' ? String(input.percentOff) : input.percentOff;
    const percent = typeof text === 'string' ? parsePercentage(text) : undefined;
    if (!percent || percent.isZero())
      throw invalid('percentOff', 'must be more than 0 and at most 100, with at most 4 decimals');
    return { percentOff: percent.toFixed(), amountOff: null, currency: null };
  }
  if (input.percentOff !== undefined) throw invalid('percentOff', 'only for percent coupons');
  if (input.amountOff === undefined) throw invalid('amountOff', 'is required for fixed coupons');
  const currency = input.currency?.toUpperCase();
  if (!currency || !isCurrencyCode(currency)) throw invalid('currency', 'must be an ISO 4217 currency code');
  return { percentOff: null, amountOff: input.amountOff, currency };
}

/** An organisation's coupons: create, read, rename, limit, archive. */
@Injectable()
export class CouponDefinitionsService {
  constructor(private readonly tx: TransactionContext) {}

  async create(orgId: string, input: CreateCouponDto): Promise<CouponResponse> {
    if ((input.duration === 'repeating') !== (input.durationPeriods !== undefined))
      throw invalid('durationPeriods', 'is required for repeating coupons and only for them');
    const coupon = this.tx.manager.create(Coupon, {
      orgId,
      code: input.code,
      name: input.name,
      kind: input.kind,
      ...discountOf(input),
      duration: input.duration,
      durationPeriods: input.durationPeriods ?? null,
      maxRedemptions: input.maxRedemptions ?? null,
      timesRedeemed: 0,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      active: true,
    });
    // A taken code violates coupons_org_id_code_key: a 409 from the central mapping.
    await this.tx.manager.insert(Coupon, coupon);
    return this.get(orgId, coupon.id);
  }

  async get(orgId: string, id: string): Promise<CouponResponse> {
    return toCouponResponse(await this.find(orgId, id));
  }

  async list(orgId: string, query: CouponQuery): Promise<Page<CouponResponse>> {
    const qb = this.tx.manager.createQueryBuilder(Coupon, 'c').where('c.org_id = :orgId', { orgId });
    if (query.active !== undefined) qb.andWhere('c.active = :active', { active: query.active });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toCouponResponse) };
  }

  async update(orgId: string, id: string, input: UpdateCouponDto): Promise<CouponResponse> {
    await this.find(orgId, id);
    const changes = Object.fromEntries(
      Object.entries({
        name: input.name,
        maxRedemptions: input.maxRedemptions,
        expiresAt: input.expiresAt === undefined ? undefined : input.expiresAt && new Date(input.expiresAt),
      }).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(changes).length === 0) return this.get(orgId, id);
    const qb = this.tx.manager
      .createQueryBuilder()
      .update(Coupon)
      .set(changes)
      .where('id = :id AND org_id = :orgId', { id, orgId });
    if (input.maxRedemptions) qb.andWhere('times_redeemed <= :max', { max: input.maxRedemptions });
    const { affected } = await qb.execute();
    if (!affected) throw invalid('maxRedemptions', 'is below the times the coupon was already redeemed');
    return this.get(orgId, id);
  }

  /** No new applications; those made before keep discounting. */
  async archive(orgId: string, id: string): Promise<CouponResponse> {
    await this.find(orgId, id);
    await this.tx.manager.update(Coupon, { orgId, id }, { active: false });
    return this.get(orgId, id);
  }

  async find(orgId: string, id: string): Promise<Coupon> {
    const coupon = isUuid(id) ? await this.tx.manager.findOneBy(Coupon, { orgId, id }) : null;
    if (!coupon) throw couponNotFound(id);
    return coupon;
  }
}
