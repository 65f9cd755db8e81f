import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestWithPrincipal } from '@app/core';
import { setAuthContext } from './auth-context';
import { Authenticator } from './authenticator';

/** Routes that bring their own credentials (the operator token) and must never see ours rejected. */
const OWN_AUTH = /^\/(v1\/admin|admin|health|metrics)(\/|\?|$)/;

/**
 * Identifies the caller from `Authorization: Bearer …` in a Fastify onRequest hook, i.e. before every
 * Nest guard (rate limit, permissions) and interceptor (idempotency) runs. A credential that is ours but
 * invalid leaves the request anonymous and its error on the request: the PermissionGuard answers it (401
 * problem+json) on every route that is not `@Public()`.
 */
@Injectable()
export class AuthenticationHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return; // the worker has no HTTP server
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request) => this.onRequest(request));
  }

  private async onRequest(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header || OWN_AUTH.test(request.url)) return;
    const [scheme, credential] = header.split(' ', 2);
    if (scheme.toLowerCase() !== 'bearer' || !credential) return;
    try {
      const result = await this.authenticator.authenticate(credential.trim());
      if (!result) return;
      (request as RequestWithPrincipal).principal = result.principal;
      setAuthContext(request, result.context);
    } catch (exception) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      setAuthContext(request, { twoFactorEnrollmentRequired: false, error });
    }
  }
}
