import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import { Logger } from 'nestjs-pino';
import {
  AppConfig,
  QueueRegistry,
  REQUEST_ID_HEADER,
  createValidationPipe,
  generateRequestId,
  httpRequestDuration,
  loadConfig,
  mountQueueDashboard,
} from '@app/core';
import { buildOpenApiDocument } from './openapi';

/**
 * Builds the API application (Fastify, validation, security headers, CORS, request ids, metrics, Swagger)
 * without listening, so that main.ts and the e2e tests run exactly the same app.
 */
export async function createApiApp(rootModule: Type<unknown>): Promise<NestFastifyApplication> {
  const config = loadConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY === 'true',
    genReqId: generateRequestId,
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
  });
  const appConfig = app.get(AppConfig);
  if (appConfig.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: appConfig.CORS_ORIGINS.includes('*') ? true : appConfig.CORS_ORIGINS,
      credentials: true,
      exposedHeaders: [REQUEST_ID_HEADER, 'Idempotent-Replayed', 'Retry-After'],
    });
  }
  await mountQueueDashboard(fastify, app.get(QueueRegistry), appConfig);
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await fastify.ready();
  return app;
}
