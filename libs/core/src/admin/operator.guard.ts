import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { RequestWithPrincipal } from '../http/request-principal';
import { carriesOperatorToken } from './operator-token';

/** Platform-operator routes (queues, failed jobs, mail log), reached with ADMIN_API_TOKEN. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!carriesOperatorToken(request.headers.authorization, this.config.ADMIN_API_TOKEN)) {
      throw new AppError(
        401,
        CoreErrorCode.Unauthorized,
        'This operator route needs the ADMIN_API_TOKEN as a Bearer token.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="operator"',
        },
      );
    }
    (request as RequestWithPrincipal).principal = { kind: 'operator', id: 'operator' };
    return true;
  }
}
