import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, concatMap } from 'rxjs';
import { principalOf } from '../http/request-principal';
import { AuditService } from './audit.service';
import { requestInfoOf } from './audit-request-context';
import { changesFromBody } from './redact';
import { SKIP_AUDIT } from './skip-audit.decorator';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records every successful mutating request (POST, PUT, PATCH, DELETE) as `http.<method>` with the route
 * pattern as target type, the `:id` parameter as target id and the redacted body as changes.
 *
 * Not recorded: requests that fail (a failed request writes nothing; security-relevant failures such as
 * bad logins are recorded by the auth domain as explicit events), anonymous requests and principals
 * without an organisation (except the operator), routes marked `@SkipAudit()`, and idempotent replays
 * (this interceptor runs inside the idempotency interceptor, so a replay never reaches it).
 *
 * The entry is written after the handler's transaction has committed and before the response is sent.
 * If writing it fails, the error is logged and the response still goes out: the change has happened, and
 * answering 500 would invite the client to repeat it.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!MUTATING.has(request.method)) return next.handle();
    const skip = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_AUDIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skip) return next.handle();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        await this.recordRequest(request);
        return body;
      }),
    );
  }

  private async recordRequest(request: FastifyRequest): Promise<void> {
    const principal = principalOf(request);
    if (!principal) return;
    const orgId = principal.orgId ?? null;
    if (!orgId && principal.kind !== 'operator') return;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const id = params.id;
    try {
      await this.audit.record({
        orgId,
        actor: { kind: principal.kind, id: principal.id },
        action: `http.${request.method.toLowerCase()}`,
        target: {
          type: request.routeOptions.url ?? request.url.split('?')[0],
          id: typeof id === 'string' ? id : null,
        },
        changes: changesFromBody(request.body),
        request: requestInfoOf(request),
      });
    } catch (error) {
      this.logger.error(
        { err: error, requestId: request.id, route: request.routeOptions.url },
        'audit entry for a completed request could not be written',
      );
    }
  }
}
