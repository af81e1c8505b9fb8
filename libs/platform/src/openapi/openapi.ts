/** The OpenAPI document of a service, served at /docs (Swagger UI) and /docs/openapi.json. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceConfig } from '../config/service-config';

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
        '(roles and regions claims) or, for partner institutions, an API key in `x-api-key`.',
    )
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'apiKey')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('apiKey')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

export function setupOpenApi(app: INestApplication, _config: ServiceConfig, info: OpenApiInfo): void {
  const document = buildOpenApiDocument(app, info);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', customSiteTitle: info.title });
}
