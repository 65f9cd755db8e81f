import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of credit notes (documented in docs/credit-notes.md). */
export enum CreditNotesErrorCode {
  CreditNoteNotFound = 'credit_note_not_found',
  InvalidCreditNote = 'invalid_credit_note',
  InvalidAmount = 'invalid_amount',
  ExceedsCreditable = 'credit_note_exceeds_creditable',
  OutcomeNotAllowed = 'credit_note_outcome_not_allowed',
}

export class CreditNotesError extends AppError {
  constructor(status: number, code: CreditNotesErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const creditNoteNotFound = (id: string): AppError => new NotFoundError('credit_note', id);

/** A 422 naming the rejected field. */
export const invalidField = (code: CreditNotesErrorCode, field: string, message: string): CreditNotesError =>
  new CreditNotesError(422, code, `${field}: ${message}.`, [{ field, message }]);
