import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of the webhooks domain (documented in docs/webhooks.md). */
export enum WebhooksErrorCode {
  WebhookEndpointNotFound = 'webhook_endpoint_not_found',
  WebhookDeliveryNotFound = 'webhook_delivery_not_found',
  InvalidWebhookUrl = 'invalid_webhook_url',
  WebhookTargetNotAllowed = 'webhook_target_not_allowed',
  UnknownEventType = 'unknown_event_type',
  WebhookEndpointDisabled = 'webhook_endpoint_disabled',
}

export class WebhooksError extends AppError {
  constructor(status: number, code: WebhooksErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

export const webhookEndpointNotFound = (id: string): NotFoundError =>
  new NotFoundError('webhook_endpoint', id);

export const webhookDeliveryNotFound = (id: string): NotFoundError =>
  new NotFoundError('webhook_delivery', id);

/** A 422 on `url`. */
export const invalidUrl = (code: WebhooksErrorCode, message: string): WebhooksError =>
  new WebhooksError(422, code, `url: ${message}.`, [{ field: 'url', message }]);
