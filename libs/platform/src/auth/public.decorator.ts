import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'adminduk:public';

/** Marks the operation in the OpenAPI document; buildOpenApiDocument turns it into `security: []` (no credentials). */
export const OPENAPI_PUBLIC_EXTENSION = 'x-adminduk-public';

/** The endpoint needs no authentication (health, metrics, docs, public deed verification). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_EXTENSION, true)) as MethodDecorator & ClassDecorator;

export const IDENTIFIES_CALLER = 'adminduk:public-identifies';

/**
 * Public, and the caller who sends credentials anyway is recognised: a valid bearer token or API key becomes the
 * request's principal (CurrentPrincipal; undefined for an anonymous caller), an invalid one is a 401 as anywhere.
 * No role is required. For answers that show more to the office than to the public (the reporting service's
 * figures: small counts exact for the office, suppressed for everyone else).
 */
export const PublicOrSignedIn = (): MethodDecorator & ClassDecorator =>
  applyDecorators(Public(), SetMetadata(IDENTIFIES_CALLER, true)) as MethodDecorator & ClassDecorator;
