import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where a request came from, as the audit log records it. */
export interface AuditRequestInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const MAX_USER_AGENT = 512;

const storage = new AsyncLocalStorage<FastifyRequest>();
const resourceOf = new WeakMap<FastifyRequest, AsyncResource>();

/** The ip, user agent and request id of a Fastify request. */
export function requestInfoOf(request: FastifyRequest): AuditRequestInfo {
  const agent = request.headers['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: typeof agent === 'string' && agent.length > 0 ? agent.slice(0, MAX_USER_AGENT) : null,
    requestId: request.id ? String(request.id) : null,
  };
}

/**
 * The HTTP request being handled, if any: set for the whole life of every request of the API (hooks,
 * guards, interceptors, pipes, handlers and everything they await), undefined in the worker and outside
 * requests. Holds the request itself, so that values set late (the principal) are read when needed.
 */
export const AuditRequestContext = {
  current(): FastifyRequest | undefined {
    return storage.getStore();
  },
  info(): AuditRequestInfo | undefined {
    const request = storage.getStore();
    return request ? requestInfoOf(request) : undefined;
  },
  /** Runs `work` as if handling `request` (tests, and code that handles requests outside Fastify). */
  run<T>(request: FastifyRequest, work: () => T): T {
    return storage.run(request, work);
  },
};

/**
 * Enters the request context in `onRequest`, and re-enters it in `preHandler`: Fastify reads the body from
 * stream events that carry the socket's async context, not ours, so without the second hook the context
 * would be lost on every request with a body (the same technique as `@fastify/request-context`).
 */
@Injectable()
export class AuditRequestContextHooks implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return; // the worker has no HTTP server
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      storage.run(request, () => {
        resourceOf.set(request, new AsyncResource('audit-request-context'));
        done();
      });
    });
    fastify.addHook('preHandler', (request, _reply, done) => {
      const resource = resourceOf.get(request);
      if (resource) resource.runInAsyncScope(done);
      else storage.run(request, done);
    });
  }
}
