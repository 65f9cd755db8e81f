import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of the credits domain (documented in docs/credits.md). */
export enum CreditsErrorCode {
  CreditGrantNotFound = 'credit_grant_not_found',
  InvalidCreditGrant = 'invalid_credit_grant',
  InvalidCreditApplication = 'invalid_credit_application',
  CreditGrantVoided = 'credit_grant_voided',
}

export class CreditsError extends AppError {
  constructor(status: number, code: CreditsErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const creditGrantNotFound = (id: string): NotFoundError => new NotFoundError('credit_grant', id);

/** A 422 naming the rejected field. */
export const invalidField = (code: CreditsErrorCode, field: string, message: string): CreditsError =>
  new CreditsError(422, code, `${field}: ${message}.`, [{ field, message }]);
