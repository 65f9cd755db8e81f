import type { FastifyRequest } from 'fastify';

/** Who is calling. Set on the request by the authentication guard; absent on anonymous routes. */
export interface RequestPrincipal {
  kind: 'user' | 'api_key' | 'operator';
  id: string;
  orgId?: string;
}

export type RequestWithPrincipal = FastifyRequest & { principal?: RequestPrincipal };

export const principalOf = (request: FastifyRequest): RequestPrincipal | undefined =>
  (request as RequestWithPrincipal).principal;
