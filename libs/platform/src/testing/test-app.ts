/**
 * Boots a service for a test exactly as main.ts does (same module, adapter and configuration code), on the
 * database and NATS the test chooses, and mints tokens for any role and region scope.
 */
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config';
import { configureApp, createFastifyAdapter } from '../bootstrap/configure-app';
import type { OpenApiInfo } from '../openapi/openapi';
import type { Role } from '../auth/principal';

export const TEST_JWT_SECRET = 'adminduk-test-secret-adminduk-test-secret';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: ServiceConfig;
  close(): Promise<void>;
}

/** A run-unique prefix for NATS subjects and streams: test runs never see each other's messages. */
export function uniqueNatsPrefix(label = 't'): string {
  return `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export async function createTestApp(
  service: string,
  moduleFor: (config: ServiceConfig) => DynamicModule,
  openApi: OpenApiInfo,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = loadServiceConfig(service, {
    DATABASE_URL: 'sqlite::memory:',
    NATS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    // Tests make many requests from 127.0.0.1, anonymous and refused ones too: limits that no test reaches, unless
    // the test sets its own (the limits' own tests do).
    RATE_LIMIT_PUBLIC_MAX: '1000000',
    RATE_LIMIT_AUTH_FAILURES: '1000000',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [moduleFor(config)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app, config, openApi);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, close: () => app.close() };
}

export async function tokenFor(roles: readonly Role[], regions: readonly string[] = ['*'], subject = 'tester', secret = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT({ roles: [...roles], regions: [...regions] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}
