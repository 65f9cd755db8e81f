import { Injectable } from '@nestjs/common';
import { DiscountInput } from '../calculation/invoice-calculation.types';

/** Coupons and their applications to customers and subscriptions. */
@Injectable()
export class CouponsService {
  /**
   * The discounts an invoice of this customer (and subscription, when billed for one) gets now, in `currency`:
   * the applied coupons still valid (not used up, not past their duration), customer-level first.
   */
  async discountsFor(
    orgId: string,
    input: { customerId: string; subscriptionId: string | null; currency: string },
  ): Promise<DiscountInput[]> {
    void orgId;
    void input;
    return [];
  }

  /**
   * Called in the finalization transaction with the applied coupons that discounted the invoice: consumes one
   * period of `repeating` and the only use of `once` applications. Idempotent per invoice.
   */
  async recordUse(orgId: string, input: { invoiceId: string; appliedCouponIds: string[] }): Promise<void> {
    void orgId;
    void input;
  }
}
