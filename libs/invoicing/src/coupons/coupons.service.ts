import { Injectable } from '@nestjs/common';
import { TransactionContext, isUuid, newId } from '@app/core';
import { Dec } from '../calculation/decimal';
import { DiscountInput } from '../calculation/invoice-calculation.types';
import { AppliedCoupon } from './entities/applied-coupon.entity';
import { Coupon } from './entities/coupon.entity';

/** The memo key of a customer's live applications; whoever changes them forgets it. */
export const liveApplicationsKey = (orgId: string, customerId: string): string =>
  `applied-coupons:${orgId}:${customerId}`;

/** Coupons and their applications to customers and subscriptions, as invoicing uses them. */
@Injectable()
export class CouponsService {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * The discounts an invoice of this customer (and subscription, when billed for one) gets now, in `currency`:
   * the applied coupons still valid (not used up, not past their duration), customer-level first. Fixed
   * coupons count only in their own currency; percent coupons in any.
   */
  async discountsFor(
    orgId: string,
    input: { customerId: string; subscriptionId: string | null; currency: string },
  ): Promise<DiscountInput[]> {
    const live = await this.tx.memo(
      liveApplicationsKey(orgId, input.customerId),
      async () => (await this.readLive(orgId, [input.customerId])).get(input.customerId) ?? [],
    );
    const rows = live.filter(
      (a) =>
        (a.coupon!.kind === 'percent' || a.coupon!.currency === input.currency) &&
        (a.subscriptionId === null || a.subscriptionId === input.subscriptionId),
    );
    // Customer-level first, each group oldest first (a stable sort keeps the id order).
    rows.sort((a, b) => Number(a.subscriptionId !== null) - Number(b.subscriptionId !== null));
    return rows.map(({ id, coupon }) => toDiscount(id, coupon!));
  }

  /** Reads the live applications of many customers in one statement, for the rest of the transaction. */
  async preloadCustomers(orgId: string, customerIds: readonly string[]): Promise<void> {
    const ids = [...new Set(customerIds)].filter((id) => isUuid(id));
    if (ids.length === 0) return;
    const byCustomer = await this.readLive(orgId, ids);
    for (const id of ids) {
      const live = byCustomer.get(id) ?? [];
      await this.tx.memo(liveApplicationsKey(orgId, id), () => Promise.resolve(live));
    }
  }

  /**
   * Called in the finalization transaction with the applied coupons that discounted the invoice: consumes one
   * period of `repeating` and the only use of `once` applications. Idempotent per invoice: a second call
   * for the same invoice records and consumes nothing.
   */
  async recordUse(orgId: string, input: { invoiceId: string; appliedCouponIds: string[] }): Promise<void> {
    const ids = [...new Set(input.appliedCouponIds)];
    if (ids.length === 0) return;
    await this.tx.run(async (manager) => {
      const recorded: { applied_coupon_id: string }[] = await manager.query(
        `INSERT INTO coupon_uses (id, org_id, applied_coupon_id, invoice_id)
         SELECT u.new_id, a.org_id, a.id, $3
           FROM unnest($2::uuid[], $4::uuid[]) AS u (applied_id, new_id)
           JOIN applied_coupons a ON a.id = u.applied_id AND a.org_id = $1
         ON CONFLICT (applied_coupon_id, invoice_id) DO NOTHING
         RETURNING applied_coupon_id`,
        [orgId, ids, input.invoiceId, ids.map(() => newId())],
      );
      if (recorded.length === 0) return;
      // An UPDATE through EntityManager.query resolves to [rows, affected].
      const [consumed]: [{ customer_id: string }[], number] = await manager.query(
        `UPDATE applied_coupons
            SET periods_remaining = periods_remaining - 1,
                status = CASE WHEN periods_remaining - 1 <= 0 THEN 'consumed' ELSE status END,
                updated_at = now()
          WHERE org_id = $1 AND id = ANY($2::uuid[]) AND periods_remaining IS NOT NULL AND periods_remaining > 0
          RETURNING customer_id`,
        [orgId, recorded.map((r) => r.applied_coupon_id)],
      );
      for (const { customer_id } of consumed) this.tx.forget(liveApplicationsKey(orgId, customer_id));
    });
  }

  /**
   * The customers' applications that can still discount (active, periods left), with their coupon, in id
   * order, by customer. Currency and subscription are matched per invoice.
   */
  private async readLive(orgId: string, customerIds: string[]): Promise<Map<string, AppliedCoupon[]>> {
    const rows = await this.tx.manager
      .createQueryBuilder(AppliedCoupon, 'a')
      .innerJoinAndSelect('a.coupon', 'c')
      .where("a.org_id = :orgId AND a.customer_id = ANY(:customerIds) AND a.status = 'active'", {
        orgId,
        customerIds,
      })
      .andWhere('(a.periods_remaining IS NULL OR a.periods_remaining > 0)')
      .orderBy('a.id', 'ASC')
      .getMany();
    const byCustomer = new Map<string, AppliedCoupon[]>();
    for (const row of rows) byCustomer.set(row.customerId, [...(byCustomer.get(row.customerId) ?? []), row]);
    return byCustomer;
  }
}

function toDiscount(appliedCouponId: string, coupon: Coupon): DiscountInput {
  return coupon.kind === 'percent'
    ? {
        appliedCouponId,
        couponName: coupon.name,
        kind: 'percent',
        percentOff: new Dec(coupon.percentOff!).toFixed(),
      }
    : { appliedCouponId, couponName: coupon.name, kind: 'fixed', amountOff: coupon.amountOff! };
}
