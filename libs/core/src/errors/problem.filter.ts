import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { toAppError } from './to-app-error';

export function toProblem(error: AppError, request: FastifyRequest): ProblemDetails {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}

/** The one exception filter: every error leaves the API as RFC 9457 `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toAppError(exception);
    if (error.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'request failed with an unexpected error');
    }
    if (reply.sent) return;
    void reply
      .status(error.status)
      .headers(error.headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(toProblem(error, request));
  }
}
