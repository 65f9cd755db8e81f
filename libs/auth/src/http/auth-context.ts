import type { FastifyRequest } from 'fastify';

/** Auth facts about a request beyond the platform's RequestPrincipal. */
export interface AuthContext {
  /** The org requires 2FA and the user has none yet: only enrolment routes are open. */
  twoFactorEnrollmentRequired: boolean;
  /**
   * Why a presented credential was refused. Public routes ignore it (a client that always sends its
   * expired access token can still refresh); every other route answers with it.
   */
  error?: Error;
}

const contexts = new WeakMap<FastifyRequest, AuthContext>();

export const setAuthContext = (request: FastifyRequest, context: AuthContext): void => {
  contexts.set(request, context);
};

export const authContextOf = (request: FastifyRequest): AuthContext | undefined => contexts.get(request);
