import { AppError } from '@app/core';

/** Stable error codes of the ledger domain (documented in docs/ledger.md). */
export enum LedgerErrorCode {
  InvalidPeriod = 'invalid_ledger_period',
}

export class LedgerError extends AppError {}

export const invalidPeriod = (): LedgerError =>
  new LedgerError(422, LedgerErrorCode.InvalidPeriod, 'from: must be before to.', [
    { field: 'from', message: 'must be before to' },
  ]);
