import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import stringify from 'safe-stable-stringify';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { principalOf } from '../http/request-principal';
import { IdempotencyStore } from './idempotency.store';
import { SKIP_IDEMPOTENCY_METADATA } from './skip-idempotency.decorator';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAY_HEADER = 'Idempotent-Replayed';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Stripe semantics for every POST carrying an Idempotency-Key: the first successful response is stored
 * for 24 h per (organisation, key) and replayed with `Idempotent-Replayed: true`; the same key with a
 * different body is a 422; a duplicate arriving while the first is in flight is a 409. A request that
 * fails releases its key, since a failed request writes nothing and may simply be retried. Routes marked
 * `@SkipIdempotency()` (on the handler or its controller) ignore the header.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    const skipped = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_IDEMPOTENCY_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skipped) return next.handle();
    if (typeof key !== 'string' || !VALID_KEY.test(key)) {
      throw new AppError(
        400,
        CoreErrorCode.InvalidIdempotencyKey,
        'Idempotency-Key must be 1 to 255 printable ASCII characters.',
      );
    }
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(request, reply, key, status, next));
  }

  private async run(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    status: number,
    next: CallHandler,
  ) {
    const path = request.url.split('?')[0];
    const claim = await this.store.claim({
      scope: principalOf(request)?.orgId ?? 'anonymous',
      key,
      method: request.method,
      path,
      requestHash: createHash('sha256')
        .update(`${request.method} ${request.url}\n${stringify(request.body ?? null)}`)
        .digest('hex'),
    });
    if (claim.kind === 'replay') {
      void reply.header(REPLAY_HEADER, 'true');
      return claim.body;
    }
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(claim.id, status, body);
      return body;
    } catch (error) {
      await this.store.release(claim.id);
      throw error;
    }
  }
}
