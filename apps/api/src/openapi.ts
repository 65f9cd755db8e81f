import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '@app/core';

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
});

/** Every operation documents its error responses as problem+json, whatever its own decorators say. */
function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses['4XX'] ??= problemResponse(
        'Client error (validation, auth, not found, conflict, rate limit)',
      );
      operation.responses['5XX'] ??= problemResponse('Server error; quote the requestId when reporting it');
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
      { type: 'http', scheme: 'bearer', description: 'Operator token (ADMIN_API_TOKEN)' },
      'operator',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] });
  return addProblemResponses(document);
}
