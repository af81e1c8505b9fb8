/** The OpenAPI document of a service, served at /docs (Swagger UI) and /docs/openapi.json. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceConfig } from '../config/service-config';
import { OPENAPI_PUBLIC_EXTENSION } from '../auth/public.decorator';
import { OFFICE_INSTANT_RULE } from '../time/office-instant';

export interface OpenApiInfo {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(
      `${info.description}\n\nErrors are RFC 9457 problem+json with a stable \`code\`. Authenticate with a bearer token ` +
        '(roles and regions claims) or, for partner institutions, an API key in `x-api-key`.\n\n' +
        `Times: ${OFFICE_INSTANT_RULE}`,
    )
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'apiKey')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  return withProblemResponses(document);
}

/**
 * Every operation can answer an error, and every error is problem+json (errors/problem.ts): say so in the
 * document once for all, as the `default` response, so that generated clients type `error` as a Problem (with
 * its `code`) instead of `never`. Operations that document their own problem responses keep them. Operations of
 * @Public() endpoints get `security: []`.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  schemas.ProblemItem ??= {
    type: 'object',
    description: 'one violation: a field that is invalid, or a rule that is not met',
    properties: {
      code: { type: 'string', description: 'stable code of this item (for domain rules: the domain library code)' },
      field: { type: 'string', description: "the request field it is about, as a path ('members[2].nik')" },
      message: { type: 'string' },
      members: { type: 'array', items: { type: 'integer' }, description: 'family card violations: the member indexes involved' },
      residentIds: { type: 'array', items: { type: 'string' }, description: 'family card violations: the residents involved' },
    },
    required: ['message'],
  };
  schemas.Problem ??= {
    type: 'object',
    description: 'RFC 9457 problem details: switch on `code` (stable); `title` and `detail` are for people and may change',
    properties: {
      type: { type: 'string', example: 'urn:adminduk:problem:validation-failed' },
      title: { type: 'string' },
      status: { type: 'integer', example: 400 },
      code: { type: 'string', example: 'VALIDATION_FAILED' },
      detail: { type: 'string' },
      instance: { type: 'string', description: 'the path of the request' },
      requestId: { type: 'string', description: 'the x-request-id of the request, to find it in the logs' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/ProblemItem' } },
    },
    required: ['type', 'title', 'status', 'code'],
  };
  const problem = {
    description: 'an error (4xx, 5xx): application/problem+json with a stable `code`',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses = { ...operation.responses, default: operation.responses?.default ?? problem };
      // @Public() endpoints need no credentials: say so, instead of inheriting the document's bearer / API key.
      const marked = operation as typeof operation & { [OPENAPI_PUBLIC_EXTENSION]?: boolean };
      if (marked[OPENAPI_PUBLIC_EXTENSION]) {
        operation.security = [];
        delete marked[OPENAPI_PUBLIC_EXTENSION];
      }
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication, _config: ServiceConfig, info: OpenApiInfo): void {
  const document = buildOpenApiDocument(app, info);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', customSiteTitle: info.title });
}
