import { HttpException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { AppError } from './app-error';
import { CoreErrorCode } from './core-error-codes';
import { mapPostgresError } from './postgres-errors';

const CODE_BY_STATUS: Record<number, CoreErrorCode> = {
  400: CoreErrorCode.BadRequest,
  401: CoreErrorCode.Unauthorized,
  403: CoreErrorCode.Forbidden,
  404: CoreErrorCode.NotFound,
  405: CoreErrorCode.MethodNotAllowed,
  413: CoreErrorCode.PayloadTooLarge,
  415: CoreErrorCode.UnsupportedMediaType,
  429: CoreErrorCode.RateLimited,
  503: CoreErrorCode.ServiceUnavailable,
};

/**
 * Errors Fastify raises while reading the request, before any of our code runs. Nest re-throws them as
 * HttpExceptions that keep only the message, so they are recognised by their (fixed) messages.
 */
const FASTIFY_ERRORS = new Map<string, [number, CoreErrorCode, string]>(
  (
    [
      [
        'FST_ERR_CTP_BODY_TOO_LARGE',
        413,
        CoreErrorCode.PayloadTooLarge,
        'The request body is larger than the server accepts.',
      ],
      [
        'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        415,
        CoreErrorCode.UnsupportedMediaType,
        'Send the body as application/json.',
      ],
      [
        'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
        400,
        CoreErrorCode.BadRequest,
        'The Content-Length header does not match the body.',
      ],
      [
        'FST_ERR_CTP_EMPTY_JSON_BODY',
        400,
        CoreErrorCode.MalformedJson,
        'The body is empty but the Content-Type is application/json.',
      ],
      [
        'FST_ERR_CTP_INVALID_JSON_BODY',
        400,
        CoreErrorCode.MalformedJson,
        'The request body is not valid JSON.',
      ],
    ] as const
  ).map(([code, status, ourCode, detail]) => [new errorCodes[code]().message, [status, ourCode, detail]]),
);

function fromHttpException(error: HttpException): AppError {
  const status = error.getStatus();
  const response = error.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? response.message
      : error.message;
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  const fastify = FASTIFY_ERRORS.get(detail);
  if (fastify) return new AppError(...fastify);
  if (status === 404 && /^Cannot [A-Z]+ /.test(detail)) {
    return new AppError(404, CoreErrorCode.RouteNotFound, `${detail.replace(/^Cannot /, 'No route for ')}.`);
  }
  const code =
    CODE_BY_STATUS[status] ?? (status < 500 ? CoreErrorCode.BadRequest : CoreErrorCode.InternalError);
  return new AppError(status, code, status < 500 ? detail : INTERNAL_ERROR_DETAIL);
}

export const INTERNAL_ERROR_DETAIL = 'An unexpected error occurred. Quote the requestId when reporting it.';

/** Whatever was thrown, the AppError the client sees. Anything unrecognised is a 500 that leaks nothing. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  return mapPostgresError(error) ?? new AppError(500, CoreErrorCode.InternalError, INTERNAL_ERROR_DETAIL);
}
