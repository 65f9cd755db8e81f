import { AppError, NotFoundError } from '@app/core';

/** Error codes of disputes (docs/payments-refunds-disputes.md). */
export enum DisputesErrorCode {
  DisputeClosed = 'dispute_closed',
}

export const disputeNotFound = (id: string): NotFoundError => new NotFoundError('dispute', id);

export const disputeClosed = (id: string, status: string): AppError =>
  new AppError(409, DisputesErrorCode.DisputeClosed, `Dispute ${id} is closed (${status}).`);
