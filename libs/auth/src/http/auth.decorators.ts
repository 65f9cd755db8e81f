import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestPrincipal, principalOf } from '@app/core';
import { AuthError, AuthErrorCode, UnauthenticatedError } from '../auth.errors';

export const ALLOW_DURING_2FA_ENROLLMENT = 'billing:allow-during-2fa-enrollment';

/** Open to a user whose organisation requires 2FA before they have enrolled (enrolment, logout). */
export const AllowDuring2faEnrollment = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_DURING_2FA_ENROLLMENT, true);

/** The authenticated caller (the PermissionGuard has already refused anonymous calls). */
function requirePrincipal(context: ExecutionContext): RequestPrincipal {
  const principal = principalOf(context.switchToHttp().getRequest<FastifyRequest>());
  if (!principal) {
    throw new UnauthenticatedError(AuthErrorCode.AuthenticationRequired, 'This route needs a Bearer token.');
  }
  return principal;
}

export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): RequestPrincipal =>
  requirePrincipal(context),
);

/** The client's IP address and user agent, for sessions and throttling. */
export const Client = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined };
});

/** The authenticated user; an API key gets a 403 (these routes act on a person's own account). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestPrincipal => {
    const principal = requirePrincipal(context);
    if (principal.kind !== 'user') {
      throw new AuthError(
        403,
        AuthErrorCode.UserPrincipalRequired,
        'This route is for signed-in users, not API keys.',
      );
    }
    return principal;
  },
);
