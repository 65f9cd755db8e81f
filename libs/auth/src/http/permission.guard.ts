import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PUBLIC_ROUTE, Permission, REQUIRED_PERMISSION, principalOf } from '@app/core';
import { AuthError, AuthErrorCode, UnauthenticatedError } from '../auth.errors';
import { authContextOf } from './auth-context';
import { ALLOW_DURING_2FA_ENROLLMENT } from './auth.decorators';

/**
 * Authorisation for every route (APP_GUARD): `@Public()` routes are open; every other route needs a
 * principal (401 with WWW-Authenticate) holding the route's `@RequirePermission` (403 naming it).
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = principalOf(request);
    if (!principal) {
      const refused = authContextOf(request)?.error;
      if (refused) throw refused;
      const presented = /^bearer\s+\S/i.test(request.headers.authorization ?? '');
      throw presented
        ? new UnauthenticatedError(
            AuthErrorCode.InvalidToken,
            'The Bearer token is not a valid access token or API key.',
          )
        : new UnauthenticatedError(AuthErrorCode.AuthenticationRequired, 'This route needs a Bearer token.');
    }
    if (
      authContextOf(request)?.twoFactorEnrollmentRequired &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_DURING_2FA_ENROLLMENT, targets)
    ) {
      throw new AuthError(
        403,
        AuthErrorCode.TwoFactorEnrollmentRequired,
        'Your organisation requires two-factor authentication: enrol at POST /v1/auth/2fa/enroll first.',
      );
    }
    const required = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (required && !principal.permissions?.includes(required)) {
      throw new AuthError(
        403,
        AuthErrorCode.PermissionDenied,
        `This action needs the permission ${required}.`,
      );
    }
    return true;
  }
}
