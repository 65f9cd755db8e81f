import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_LOGO_BYTES } from './logo-image';

export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'application/octet-stream'];

/**
 * Lets `PUT /v1/documents/logo` take the image itself as the body (a Buffer). Its limit is above the 1 MB
 * that a logo may have, so that an oversized logo gets the documented 422 rather than a bare 413.
 */
@Injectable()
export class LogoBodyParser implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || LOGO_CONTENT_TYPES.some((type) => fastify.hasContentTypeParser(type))) return;
    fastify.addContentTypeParser(
      LOGO_CONTENT_TYPES,
      { parseAs: 'buffer', bodyLimit: 2 * MAX_LOGO_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
