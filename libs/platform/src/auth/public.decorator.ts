import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'adminduk:public';

/** Marks the operation in the OpenAPI document; buildOpenApiDocument turns it into `security: []` (no credentials). */
export const OPENAPI_PUBLIC_EXTENSION = 'x-adminduk-public';

/** The endpoint needs no authentication (health, metrics, docs, public deed verification). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_EXTENSION, true)) as MethodDecorator & ClassDecorator;
