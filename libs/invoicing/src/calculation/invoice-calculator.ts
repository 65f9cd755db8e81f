import { CalculateInvoiceInput, InvoiceCalculation } from './invoice-calculation.types';

/** Pure: lines, discounts and tax rates → per-line and invoice amounts. See invoice-calculation.types.ts. */
export function calculateInvoice(input: CalculateInvoiceInput): InvoiceCalculation {
  const lines = input.lines.map((line) => ({
    key: line.key,
    amount: line.amount,
    discountAmount: 0,
    discounts: [],
    taxes: [],
    taxAmount: 0,
    netAmount: line.amount,
    total: line.amount,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  return {
    lines,
    subtotal,
    discountTotal: 0,
    taxTotal: 0,
    total: subtotal,
    taxBreakdown: [],
    discountBreakdown: [],
  };
}
