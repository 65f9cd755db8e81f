import { Injectable } from '@nestjs/common';
import { AppError, Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { CustomersService } from '@app/customers';
import { SubscriptionsService } from '@app/subscriptions';
import { CouponsErrorCode, appliedCouponNotFound, invalidCouponField } from './coupons.errors';
import { AppliedCouponQuery, ApplyCouponDto } from './dto/coupon.dto';
import { AppliedCouponResponse } from './dto/coupon.response';
import { toAppliedCouponResponse } from './coupon-views';
import { liveApplicationsKey } from './coupons.service';
import { AppliedCoupon } from './entities/applied-coupon.entity';
import { Coupon } from './entities/coupon.entity';

const fail = (code: CouponsErrorCode, field: string, message: string) =>
  invalidCouponField(code, field, message);

/** Coupons applied to customers and subscriptions. */
@Injectable()
export class CouponApplicationsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly customers: CustomersService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /**
   * Applies the coupon with `couponCode` to the customer (or one of its subscriptions). The redemption is
   * counted by a conditional UPDATE, so concurrent applies never exceed `maxRedemptions`.
   */
  async apply(
    orgId: string,
    customerId: string,
    input: ApplyCouponDto,
    now = new Date(),
  ): Promise<AppliedCouponResponse> {
    const customer = await this.customers.get(orgId, customerId);
    if (input.subscriptionId) await this.assertSubscriptionOf(orgId, customer.id, input.subscriptionId);
    const coupon = await this.tx.manager.findOneBy(Coupon, { orgId, code: input.couponCode });
    if (!coupon) throw fail(CouponsErrorCode.CouponNotFound, 'couponCode', `no coupon ${input.couponCode}`);
    if (!coupon.active) throw fail(CouponsErrorCode.CouponInactive, 'couponCode', 'the coupon is archived');
    if (coupon.expiresAt && coupon.expiresAt <= now)
      throw fail(
        CouponsErrorCode.CouponExpired,
        'couponCode',
        `the coupon expired at ${coupon.expiresAt.toISOString()}`,
      );
    if (coupon.kind === 'fixed' && coupon.currency !== customer.currency)
      throw fail(
        CouponsErrorCode.CouponCurrencyMismatch,
        'couponCode',
        `the coupon is in ${coupon.currency}, the customer is billed in ${customer.currency}`,
      );
    return this.tx.run(async (manager) => {
      const { affected } = await manager
        .createQueryBuilder()
        .update(Coupon)
        .set({ timesRedeemed: () => 'times_redeemed + 1' })
        .where('id = :id AND org_id = :orgId AND active', { id: coupon.id, orgId })
        .andWhere('(max_redemptions IS NULL OR times_redeemed < max_redemptions)')
        .andWhere('(expires_at IS NULL OR expires_at > :now)', { now })
        .execute();
      if (!affected)
        throw fail(
          CouponsErrorCode.CouponExhausted,
          'couponCode',
          'the coupon reached its maximum redemptions',
        );
      const applied = manager.create(AppliedCoupon, {
        orgId,
        couponId: coupon.id,
        customerId: customer.id,
        subscriptionId: input.subscriptionId ?? null,
        periodsRemaining:
          coupon.duration === 'once' ? 1 : coupon.duration === 'repeating' ? coupon.durationPeriods : null,
        status: 'active',
      });
      // The same coupon already active here violates applied_coupons_active_*_key: a 409, and the redemption rolls back.
      await manager.insert(AppliedCoupon, applied);
      this.tx.forget(liveApplicationsKey(orgId, customer.id));
      return this.get(orgId, customer.id, applied.id);
    });
  }

  /** Stops discounting future invoices; the redemption stays counted. 409 when no longer active. */
  async remove(orgId: string, customerId: string, appliedId: string): Promise<AppliedCouponResponse> {
    const current = await this.get(orgId, customerId, appliedId);
    const { affected } = await this.tx.manager
      .createQueryBuilder()
      .update(AppliedCoupon)
      .set({ status: 'removed' })
      .where("id = :appliedId AND org_id = :orgId AND customer_id = :customerId AND status = 'active'", {
        appliedId,
        orgId,
        customerId,
      })
      .execute();
    this.tx.forget(liveApplicationsKey(orgId, customerId));
    if (!affected)
      throw new AppError(
        409,
        CouponsErrorCode.AppliedCouponNotActive,
        `The applied coupon is ${current.status}.`,
      );
    return this.get(orgId, customerId, appliedId);
  }

  async list(
    orgId: string,
    customerId: string,
    query: AppliedCouponQuery,
  ): Promise<Page<AppliedCouponResponse>> {
    await this.customers.get(orgId, customerId);
    const qb = this.tx.manager
      .createQueryBuilder(AppliedCoupon, 'a')
      .innerJoinAndSelect('a.coupon', 'coupon')
      .where('a.org_id = :orgId AND a.customer_id = :customerId', { orgId, customerId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const page = await paginateById(qb, query);
    return {
      ...page,
      data: page.data.map((a) => toAppliedCouponResponse(a as AppliedCoupon & { coupon: Coupon })),
    };
  }

  private async get(orgId: string, customerId: string, appliedId: string): Promise<AppliedCouponResponse> {
    const applied =
      isUuid(appliedId) && isUuid(customerId)
        ? await this.tx.manager.findOne(AppliedCoupon, {
            where: { orgId, customerId, id: appliedId },
            relations: { coupon: true },
          })
        : null;
    if (!applied?.coupon) throw appliedCouponNotFound(appliedId);
    return toAppliedCouponResponse(applied as AppliedCoupon & { coupon: Coupon });
  }

  /** 422 naming `subscriptionId` unless it is a subscription of this customer. */
  private async assertSubscriptionOf(
    orgId: string,
    customerId: string,
    subscriptionId: string,
  ): Promise<void> {
    const subscription = await this.subscriptions.get(orgId, subscriptionId).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    });
    if (subscription?.customerId !== customerId)
      throw fail(CouponsErrorCode.InvalidCoupon, 'subscriptionId', 'is not a subscription of this customer');
  }
}
