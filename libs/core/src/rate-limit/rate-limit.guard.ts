import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { principalOf } from '../http/request-principal';

/**
 * Limits each principal (API key, user) by its id and anonymous callers by IP, in Redis so that the
 * limit holds across replicas. A 429 is a problem+json with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = principalOf(request as unknown as FastifyRequest);
    return principal
      ? `${principal.kind}:${principal.id}`
      : `ip:${(request as unknown as FastifyRequest).ip}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    throw new AppError(
      429,
      CoreErrorCode.RateLimited,
      `Too many requests: the limit is ${detail.limit} per ${Math.round(detail.ttl / 1000)} s. Retry after ${retryAfter} s.`,
      undefined,
      { 'Retry-After': String(retryAfter) },
    );
  }
}
