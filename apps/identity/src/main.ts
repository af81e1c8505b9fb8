/**
 * Starts the identity service: `node dist/apps/identity/main.js` (configuration from the environment).
 * `node dist/apps/identity/main.js migrate` applies the pending migrations and exits (with MIGRATE_ON_START=false).
 * `node dist/apps/identity/main.js import <file>` imports a register file (see src/import/README.md).
 * `node dist/apps/identity/main.js export --village <code>` writes it in OpenSID's layout (see src/export/README.md).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, loadServiceConfig, runMigrateCommand } from '@adminduk/platform';
import { IDENTITY_OPENAPI, IDENTITY_SERVICE, IdentityModule } from './identity.module';
import { importCommandMain } from './import/import.command';
import { exportCommandMain } from './export/export.command';

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') process.exit(await runMigrateCommand(IDENTITY_SERVICE));
  if (process.argv[2] === 'import') process.exit(await importCommandMain(process.argv.slice(3)));
  if (process.argv[2] === 'export') process.exit(await exportCommandMain(process.argv.slice(3)));
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
