import { AppError, NotFoundError } from '@app/core';

/** Stable error codes of tax rates and tax settings (documented in docs/taxes-coupons-fx.md). */
export enum TaxesErrorCode {
  TaxRateNotFound = 'tax_rate_not_found',
  InvalidTaxRate = 'invalid_tax_rate',
  InvalidTaxSettings = 'invalid_tax_settings',
}

export const taxRateNotFound = (id: string): AppError => new NotFoundError('tax_rate', id);

/** A 422 naming the rejected field. */
export const invalidTaxField = (code: TaxesErrorCode, field: string, message: string): AppError =>
  new AppError(422, code, `${field}: ${message}.`, [{ field, message }]);
