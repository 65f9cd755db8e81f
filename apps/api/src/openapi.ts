import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '@app/core';

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
});

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** The problem+json responses an operation can give, from what it is: its method, params and security. */
function errorResponsesOf(path: string, method: string, operation: Operation): Record<string, string> {
  const writes = method !== 'get' && method !== 'delete';
  const responses: Record<string, string> = {};
  if (writes || (operation.parameters?.length ?? 0) > 0) {
    responses['400'] = 'Malformed JSON, unknown fields or invalid values (`errors[]` names each field)';
  }
  if (operation.security?.length) {
    responses['401'] = 'Missing, invalid or expired credentials (see `WWW-Authenticate`)';
    responses['403'] = 'The credentials lack the permission named in `detail`';
  }
  if (path.includes('{')) responses['404'] = 'No such resource in your organisation';
  if (method !== 'get')
    responses['409'] = 'Conflict: duplicate, concurrent change, or Idempotency-Key in flight';
  if (writes) {
    responses['413'] = 'Body larger than BODY_LIMIT_BYTES';
    responses['422'] =
      'A business rule refuses the request, or the Idempotency-Key was used with another body';
  }
  responses['429'] = 'Rate limited (see `Retry-After`)';
  responses['500'] = 'Server error; nothing internal is disclosed, quote the `requestId`';
  return responses;
}

/** Every operation documents its error responses as problem+json, whatever its own decorators say. */
function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, description] of Object.entries(errorResponsesOf(path, method, operation))) {
        operation.responses[status] ??= problemResponse(description);
      }
    }
  }
  return document;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Billing platform API')
    .setDescription(
      'Billing, invoicing and payments. Errors are RFC 9457 application/problem+json with a stable `code`. ' +
        'Every POST accepts an `Idempotency-Key` header (replayed for 24 h).',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT or bk_live_… key',
        description: 'A user access token (JWT from /v1/auth/login) or an API key (bk_live_…)',
      },
      'bearer',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'Operator token (ADMIN_API_TOKEN)',
      },
      'operator',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] });
  return addProblemResponses(document);
}
