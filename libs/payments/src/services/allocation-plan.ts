import { FieldError } from '@app/core';
import { PaymentAllocationDto } from '../dto/payment.dto';
import { PaymentsError, PaymentsErrorCode, invalidField } from '../payments.errors';

/** One amount to settle on one invoice; `field` is what a refusal names. */
export interface PlannedAllocation {
  invoiceId: string;
  amount: number;
  field: string;
}

export const isPositiveAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Explicit allocations checked without the database: positive integer amounts, each invoice once, and in all
 * no more than `available` (422 naming the field). Whether each fits its invoice is checked under the
 * invoice's lock when it is applied.
 */
export function explicitPlan(allocations: PaymentAllocationDto[], available: number): PlannedAllocation[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  allocations.forEach((a, i) => {
    if (!isPositiveAmount(a.amount))
      errors.push({ field: `allocations.${i}.amount`, message: 'must be a positive integer in minor units' });
    if (seen.has(a.invoiceId))
      errors.push({ field: `allocations.${i}.invoiceId`, message: 'allocates to the same invoice twice' });
    seen.add(a.invoiceId);
  });
  if (errors.length > 0)
    throw new PaymentsError(
      422,
      PaymentsErrorCode.InvalidPayment,
      errors.map((e) => `${e.field}: ${e.message}`).join('; ') + '.',
      errors,
    );
  const total = allocations.reduce((sum, a) => sum + a.amount, 0);
  if (total > available)
    throw invalidField(
      PaymentsErrorCode.AllocationsExceedAmount,
      'allocations',
      `they add up to ${total}, more than the ${available} available`,
    );
  return allocations.map((a, i) => ({
    invoiceId: a.invoiceId,
    amount: a.amount,
    field: `allocations.${i}.amount`,
  }));
}

/** Up to `available` over invoices in the order given, each taking what remains on it. */
export function automaticPlan(
  invoices: { id: string; amountRemaining: number }[],
  available: number,
): PlannedAllocation[] {
  const plan: PlannedAllocation[] = [];
  let left = available;
  for (const invoice of invoices) {
    if (left === 0) break;
    const amount = Math.min(left, invoice.amountRemaining);
    plan.push({ invoiceId: invoice.id, amount, field: 'amount' });
    left -= amount;
  }
  return plan;
}
