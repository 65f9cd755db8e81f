import { allocateProportionally } from '../calculation/allocation';
import { Dec, roundToMinor } from '../calculation/decimal';
import { LineTax } from '../entities/invoice-line.entity';
import { CreditNotesErrorCode, invalidField } from './credit-notes.errors';

/** An invoice line with what earlier credit notes already took from it. */
export interface CreditableLine {
  id: string;
  description: string;
  /** Decimal string. */
  quantity: string;
  /** After discounts, excluding tax (line total − line tax). */
  net: number;
  tax: number;
  taxes: LineTax[];
  creditedNet: number;
  creditedTax: number;
}

export interface CreditRequestLine {
  invoiceLineId: string;
  /** Net, minor units. */
  amount?: number;
  /** Decimal string: credits net × quantity / line quantity. */
  quantity?: string;
}

export interface CreditRequest {
  lines?: CreditRequestLine[];
  /** Net, minor units, spread over the lines in proportion to what remains creditable on each. */
  amount?: number;
}

export interface CreditNoteLineAmounts {
  invoiceLineId: string;
  description: string;
  amount: number;
  taxAmount: number;
  total: number;
  taxes: LineTax[];
}

const DECIMAL = /^\d{1,18}(\.\d{1,12})?$/;

const remainingNet = (line: CreditableLine): number => Math.max(0, line.net - line.creditedNet);

/**
 * Pure: the lines of a credit note (docs/credit-notes.md). Each credited net amount is checked against
 * what remains creditable on its line; its tax is net × line tax / line net rounded half-up once, except
 * that a credit of everything left on a line takes exactly the tax left, so a line credited in several
 * notes never credits more (or less) tax than it carried. Bad input is a 422 naming the field.
 */
export function creditNoteLines(request: CreditRequest, lines: CreditableLine[]): CreditNoteLineAmounts[] {
  const hasLines = request.lines !== undefined;
  const hasAmount = request.amount !== undefined;
  if (hasLines === hasAmount)
    throw invalidField(CreditNotesErrorCode.InvalidCreditNote, 'lines', 'give either lines or amount');
  if (hasAmount) return spreadLumpSum(request.amount!, lines);
  if (request.lines!.length === 0)
    throw invalidField(CreditNotesErrorCode.InvalidCreditNote, 'lines', 'must not be empty');
  const byId = new Map(lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  return request.lines!.map((requested, i) => {
    const field = `lines.${i}`;
    const line = byId.get(requested.invoiceLineId);
    if (!line)
      throw invalidField(
        CreditNotesErrorCode.InvalidCreditNote,
        `${field}.invoiceLineId`,
        'not a line of this invoice',
      );
    if (seen.has(line.id))
      throw invalidField(CreditNotesErrorCode.InvalidCreditNote, `${field}.invoiceLineId`, 'listed twice');
    seen.add(line.id);
    const { net, netField } = requestedNet(requested, line, field);
    if (net > remainingNet(line))
      throw invalidField(
        CreditNotesErrorCode.ExceedsCreditable,
        netField,
        `${net} is more than the ${remainingNet(line)} still creditable on this line`,
      );
    return creditLine(line, net);
  });
}

function requestedNet(
  requested: CreditRequestLine,
  line: CreditableLine,
  field: string,
): { net: number; netField: string } {
  if (requested.amount !== undefined && requested.quantity !== undefined)
    throw invalidField(CreditNotesErrorCode.InvalidCreditNote, field, 'give amount or quantity, not both');
  if (requested.amount !== undefined) {
    assertPositiveAmount(requested.amount, `${field}.amount`);
    return { net: requested.amount, netField: `${field}.amount` };
  }
  if (requested.quantity !== undefined) {
    const quantityField = `${field}.quantity`;
    if (!DECIMAL.test(requested.quantity) || new Dec(requested.quantity).lte(0))
      throw invalidField(
        CreditNotesErrorCode.InvalidAmount,
        quantityField,
        'must be a positive decimal string',
      );
    const lineQuantity = new Dec(line.quantity);
    if (lineQuantity.lte(0) || new Dec(requested.quantity).gt(lineQuantity))
      throw invalidField(
        CreditNotesErrorCode.ExceedsCreditable,
        quantityField,
        `must not exceed the line's quantity ${line.quantity}`,
      );
    const net = roundToMinor(new Dec(line.net).times(requested.quantity).div(lineQuantity));
    if (net <= 0)
      throw invalidField(CreditNotesErrorCode.InvalidAmount, quantityField, 'credits nothing once rounded');
    return { net, netField: quantityField };
  }
  // Neither: the whole remainder of the line.
  if (remainingNet(line) <= 0)
    throw invalidField(
      CreditNotesErrorCode.ExceedsCreditable,
      `${field}.invoiceLineId`,
      'nothing left to credit',
    );
  return { net: remainingNet(line), netField: `${field}.invoiceLineId` };
}

function spreadLumpSum(amount: number, lines: CreditableLine[]): CreditNoteLineAmounts[] {
  assertPositiveAmount(amount, 'amount');
  const creditable = lines.filter((line) => remainingNet(line) > 0);
  const available = creditable.reduce((sum, line) => sum + remainingNet(line), 0);
  if (amount > available)
    throw invalidField(
      CreditNotesErrorCode.ExceedsCreditable,
      'amount',
      `${amount} is more than the ${available} net still creditable on the invoice's lines`,
    );
  // Largest remainder with total ≤ Σ weights: no part exceeds its line's remainder.
  const parts = allocateProportionally(amount, creditable.map(remainingNet));
  return creditable.flatMap((line, i) => (parts[i] > 0 ? [creditLine(line, parts[i])] : []));
}

function creditLine(line: CreditableLine, net: number): CreditNoteLineAmounts {
  const taxLeft = line.tax - line.creditedTax;
  const taxAmount =
    net === remainingNet(line)
      ? taxLeft
      : Math.min(taxLeft, roundToMinor(new Dec(net).times(line.tax).div(line.net)));
  return {
    invoiceLineId: line.id,
    description: line.description,
    amount: net,
    taxAmount,
    total: net + taxAmount,
    taxes: taxesOf(line, net, taxAmount),
  };
}

/** The credited tax split over the line's rates in proportion to their amounts. */
function taxesOf(line: CreditableLine, net: number, taxAmount: number): LineTax[] {
  const weights = line.taxes.map((tax) => Math.max(0, tax.amount));
  const parts =
    taxAmount > 0 && weights.some((w) => w > 0)
      ? allocateProportionally(taxAmount, weights)
      : weights.map(() => 0);
  return line.taxes.map((tax, i) => ({ ...tax, taxableAmount: net, amount: parts[i] }));
}

function assertPositiveAmount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw invalidField(
      CreditNotesErrorCode.InvalidAmount,
      field,
      'must be a positive integer in minor units',
    );
}
