/** Starts the identity service: `node dist/apps/identity/main.js` (configuration from the environment). */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, loadServiceConfig } from '@adminduk/platform';
import { IDENTITY_OPENAPI, IdentityModule } from './identity.module';

async function main(): Promise<void> {
  const config = loadServiceConfig('identity');
  const app = await NestFactory.create<NestFastifyApplication>(IdentityModule.forRoot(config), createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app, config, IDENTITY_OPENAPI);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`identity listening on http://${config.host}:${config.port} (API docs: /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`identity failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
