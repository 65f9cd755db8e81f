import { minorUnitExponent } from '@app/core';
import { discountLines } from './discounts';
import {
  CalculateInvoiceInput,
  DiscountInput,
  InvoiceCalculation,
  LineResult,
} from './invoice-calculation.types';
import { taxLine } from './line-taxes';

/**
 * Pure: lines, discounts and tax rates → per-line and invoice amounts (see invoice-calculation.types.ts and
 * docs/taxes-coupons-fx.md). Per line, discounts come first (before tax), then taxes on what is left; every
 * amount is an integer in minor units and the invoice figures are sums of the line figures, so they always
 * agree. Malformed input (non-integer amounts, bad percentages, unknown currency) is a RangeError: callers
 * validate at their edge.
 */
export function calculateInvoice(input: CalculateInvoiceInput): InvoiceCalculation {
  minorUnitExponent(input.currency);
  for (const line of input.lines)
    if (!Number.isSafeInteger(line.amount))
      throw new RangeError(`amount of line ${line.key} must be an integer`);
  const discounts = discountLines(input.lines, input.discounts);
  const lines = input.lines.map((line, i): LineResult => {
    const discountAmount = discounts[i].reduce((sum, d) => sum + d.amount, 0);
    const { base, taxes } = taxLine(line.amount - discountAmount, line.taxRates);
    const taxAmount = taxes.reduce((sum, tax) => sum + tax.amount, 0);
    return {
      key: line.key,
      amount: line.amount,
      discountAmount,
      discounts: discounts[i],
      taxes,
      taxAmount,
      netAmount: base,
      total: base + taxAmount,
    };
  });
  const discountTotal = sum(lines.map((line) => line.discountAmount));
  const taxTotal = sum(lines.map((line) => line.taxAmount));
  // Inclusive tax is part of the line amounts; the subtotal excludes it so that total = subtotal − discounts + tax.
  const subtotal = sum(lines.map((line) => line.netAmount + line.discountAmount));
  return {
    lines,
    subtotal,
    discountTotal,
    taxTotal,
    total: subtotal - discountTotal + taxTotal,
    taxBreakdown: taxBreakdownOf(lines),
    discountBreakdown: discountBreakdownOf(lines, input.discounts),
  };
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

function taxBreakdownOf(lines: LineResult[]): InvoiceCalculation['taxBreakdown'] {
  const byRate = new Map<string, InvoiceCalculation['taxBreakdown'][number]>();
  for (const tax of lines.flatMap((line) => line.taxes)) {
    const entry = byRate.get(tax.taxRateId);
    if (entry) {
      entry.taxableAmount += tax.taxableAmount;
      entry.amount += tax.amount;
    } else byRate.set(tax.taxRateId, { ...tax });
  }
  return [...byRate.values()];
}

/** Per applied coupon, in the order given; a coupon that discounted nothing is left out (and not consumed). */
function discountBreakdownOf(
  lines: LineResult[],
  discounts: readonly DiscountInput[],
): InvoiceCalculation['discountBreakdown'] {
  const amounts = new Map<string, number>();
  for (const d of lines.flatMap((line) => line.discounts))
    amounts.set(d.appliedCouponId, (amounts.get(d.appliedCouponId) ?? 0) + d.amount);
  const names = new Map(discounts.map((d) => [d.appliedCouponId, d.couponName]));
  return [...names].flatMap(([appliedCouponId, couponName]) => {
    const amount = amounts.get(appliedCouponId) ?? 0;
    return amount > 0 ? [{ appliedCouponId, couponName, amount }] : [];
  });
}
