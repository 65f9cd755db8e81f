import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { USAGE_LIMITS } from '../usage.limits';

const BATCH_ROUTE = '/v1/events/batch';

/**
 * Gives POST /v1/events/batch its own Fastify `bodyLimit` (a route's limit wins over the JSON parser's,
 * which is the global BODY_LIMIT_BYTES), without raising the limit of any other route. Nest registers its
 * routes in `app.init()`, after every module is constructed, so an `onRoute` hook added from a module
 * constructor sees the route being added. Nothing to do without an HTTP server (the worker).
 */
export function raiseBatchBodyLimit(adapterHost: HttpAdapterHost): void {
  const adapter = adapterHost.httpAdapter;
  if (adapter?.getType() !== 'fastify') return;
  adapter.getInstance<FastifyInstance>().addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url === BATCH_ROUTE && methods.includes('POST'))
      route.bodyLimit = USAGE_LIMITS.batchBodyLimitBytes;
  });
}
