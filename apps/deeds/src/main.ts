/**
 * Starts the deeds service: `node dist/apps/deeds/main.js` (configuration from the environment; port 3002 by
 * default; DEEDS_* variables in deeds.config.ts). `node dist/apps/deeds/main.js migrate` applies the pending
 * migrations and exits (with MIGRATE_ON_START=false).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, loadServiceConfig, runMigrateCommand } from '@adminduk/platform';
import { loadDeedsConfig } from './deeds.config';
import { DEEDS_OPENAPI, DEEDS_SERVICE, DeedsModule } from './deeds.module';

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') process.exit(await runMigrateCommand(DEEDS_SERVICE));
  const config = loadServiceConfig('deeds');
  const deeds = loadDeedsConfig(config);
  const app = await NestFactory.create<NestFastifyApplication>(DeedsModule.forRoot(config, deeds), createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app, config, DEEDS_OPENAPI);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`deeds listening on http://${config.host}:${config.port} (API docs: /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`deeds failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
