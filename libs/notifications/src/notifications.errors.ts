import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of the notifications domain (documented in docs/notifications.md). */
export enum NotificationsErrorCode {
  InvalidSettings = 'invalid_notification_settings',
}

export class NotificationsError extends AppError {
  constructor(status: number, code: NotificationsErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const emailNotFound = (id: string): NotFoundError => new NotFoundError('email', id);

/** A 422 naming the rejected field. */
export const invalidField = (
  code: NotificationsErrorCode,
  field: string,
  message: string,
): NotificationsError => new NotificationsError(422, code, `${field}: ${message}.`, [{ field, message }]);
