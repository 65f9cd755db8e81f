import { AppError, FieldError } from '@app/core';

/** Stable error codes of FX rates (documented in docs/taxes-coupons-fx.md). */
export enum FxErrorCode {
  InvalidFxRate = 'invalid_fx_rate',
  InvalidCurrency = 'invalid_currency',
  FxRateMissing = 'fx_rate_missing',
}

export const invalidFx = (code: FxErrorCode, errors: FieldError[]): AppError =>
  new AppError(422, code, errors.map((e) => `${e.field}: ${e.message}`).join('; ') + '.', errors);

export const fxRateMissing = (from: string, to: string, on: string): AppError =>
  new AppError(
    422,
    FxErrorCode.FxRateMissing,
    `No ${from}/${to} rate (nor ${to}/${from}) effective on or before ${on}.`,
  );
