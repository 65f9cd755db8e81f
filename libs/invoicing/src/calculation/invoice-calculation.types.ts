/**
 * Inputs and outputs of the one pure function that turns invoice lines, discounts and tax rates into amounts
 * (`calculateInvoice` in ./invoice-calculator.ts). Every amount is an integer in the currency's minor units.
 */
export interface TaxRateInput {
  taxRateId: string;
  name: string;
  /** Percentage with up to 4 decimals, as a string: '19', '7.6543'. */
  percentage: string;
  /** True when line amounts already include this tax. */
  inclusive: boolean;
}

export interface LineInput {
  /** Caller's key to match results to lines. */
  key: string;
  /** The line's amount before discounts (tax-inclusive when its rates are inclusive). May be negative only for proration credits. */
  amount: number;
  /** Whether coupons reduce this line (proration credits and true-ups may be excluded). */
  discountable: boolean;
  taxRates: TaxRateInput[];
}

export interface DiscountInput {
  /** The applied coupon this discount comes from. */
  appliedCouponId: string;
  couponName: string;
  kind: 'percent' | 'fixed';
  /** For 'percent': '10', '12.5'. */
  percentOff?: string;
  /** For 'fixed': minor units of the invoice's currency, spread over discountable lines in proportion. */
  amountOff?: number;
}

export interface LineTaxResult {
  taxRateId: string;
  name: string;
  percentage: string;
  inclusive: boolean;
  /** The base the rate applied to (after discounts, excluding the tax itself). */
  taxableAmount: number;
  amount: number;
}

export interface LineResult {
  key: string;
  /** amount as given. */
  amount: number;
  /** Total discount on this line (≥ 0, never more than makes the line negative). */
  discountAmount: number;
  discounts: { appliedCouponId: string; amount: number }[];
  taxes: LineTaxResult[];
  taxAmount: number;
  /** amount − discountAmount, excluding tax (for inclusive rates: minus the tax the amount contains). */
  netAmount: number;
  /** netAmount + exclusive and inclusive tax = what the customer pays for the line. */
  total: number;
}

export interface InvoiceCalculation {
  lines: LineResult[];
  /** Sum of line amounts excluding tax, before discounts: Σ (netAmount + discountAmount). */
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  /** subtotal − discountTotal + taxTotal = Σ line totals. */
  total: number;
  taxBreakdown: {
    taxRateId: string;
    name: string;
    percentage: string;
    inclusive: boolean;
    taxableAmount: number;
    amount: number;
  }[];
  discountBreakdown: { appliedCouponId: string; couponName: string; amount: number }[];
}

export interface CalculateInvoiceInput {
  currency: string;
  lines: LineInput[];
  discounts: DiscountInput[];
}
