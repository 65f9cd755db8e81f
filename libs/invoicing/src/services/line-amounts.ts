import Decimal from 'decimal.js';
import { toMinorUnits } from '@app/core';
import { InvoiceLineKind } from '../entities/invoice-line.entity';
import { InvoicingErrorCode, invalidField } from '../invoicing.errors';

const QUANTITY = /^\d{1,20}(\.\d{1,20})?$/;
const UNIT_AMOUNT = /^-?\d{1,15}(\.\d{1,12})?$/;

export interface LineAmountInput {
  kind: InvoiceLineKind;
  quantity: string;
  unitAmount: string;
  amount?: number | null;
}

/**
 * Validates a line's quantity, unit amount and amount, and returns the amount in minor units: the given one,
 * or quantity × unitAmount rounded half-up once. Only proration credits and deducted deposits may be negative.
 * `path` prefixes the field names of the 422 (e.g. `lines.2.`).
 */
export function lineAmount(line: LineAmountInput, currency: string, path = ''): number {
  const mayBeNegative = line.kind === 'proration' || line.kind === 'deposit';
  if (!QUANTITY.test(line.quantity))
    throw invalidField(
      InvoicingErrorCode.InvalidAmount,
      `${path}quantity`,
      'must be a non-negative decimal string with at most 20 integer digits and 20 decimals, e.g. "3"',
    );
  if (!UNIT_AMOUNT.test(line.unitAmount))
    throw invalidField(
      InvoicingErrorCode.InvalidAmount,
      `${path}unitAmount`,
      'must be a decimal string in major units with at most 15 integer digits and 12 decimals, e.g. "19.99"',
    );
  if (!mayBeNegative && line.unitAmount.startsWith('-'))
    throw invalidField(InvoicingErrorCode.InvalidAmount, `${path}unitAmount`, 'must not be negative');
  if (line.amount !== undefined && line.amount !== null) {
    if (!Number.isSafeInteger(line.amount))
      throw invalidField(
        InvoicingErrorCode.InvalidAmount,
        `${path}amount`,
        'must be an integer in minor units',
      );
    if (!mayBeNegative && line.amount < 0)
      throw invalidField(
        InvoicingErrorCode.InvalidAmount,
        `${path}amount`,
        'must not be negative (only proration credits may be)',
      );
    return line.amount;
  }
  try {
    return toMinorUnits(new Decimal(line.quantity).times(line.unitAmount), currency);
  } catch {
    throw invalidField(
      InvoicingErrorCode.InvalidAmount,
      `${path}amount`,
      'quantity × unitAmount is too large',
    );
  }
}
