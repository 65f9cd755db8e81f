import type { FastifyRequest } from 'fastify';
import type { Permission } from './permissions';

/**
 * Who is calling. Set on the request by authentication (before any guard runs); absent on anonymous
 * requests. `orgId` scopes every tenant query; `permissions` is what the role or the key's scopes grant.
 */
export interface RequestPrincipal {
  kind: 'user' | 'api_key' | 'operator';
  /** The user id, the API key id, or `operator`. */
  id: string;
  orgId?: string;
  permissions?: readonly Permission[];
  /** Set for users: the refresh-token family (session) the access token belongs to. */
  sessionId?: string;
}

export type RequestWithPrincipal = FastifyRequest & { principal?: RequestPrincipal };

export const principalOf = (request: FastifyRequest): RequestPrincipal | undefined =>
  (request as RequestWithPrincipal).principal;
