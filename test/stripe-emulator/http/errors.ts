export interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  [extra: string]: unknown;
}

/**
 * An error answered in Stripe's shape. `replayable` marks errors raised after the request started to
 * change state (card declines): Stripe stores those under the idempotency key, not validation errors.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly replayable = false,
  ) {
    super(body.message);
  }
}

export function invalidRequest(message: string, code?: string, param?: string, status = 400): StripeApiError {
  return new StripeApiError(status, { type: 'invalid_request_error', message, code, param });
}

export function parameterMissing(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, 'parameter_missing', param);
}

export function resourceMissing(kind: string, id: string, param = 'id'): StripeApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, 'resource_missing', param, 404);
}

export function unexpectedState(message: string, code = 'payment_intent_unexpected_state'): StripeApiError {
  return invalidRequest(message, code);
}

export function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

export function idempotencyMismatch(key: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'idempotency_error',
    message:
      `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
      `Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}
