/**
 * Starts the outreach service: `node dist/apps/outreach/main.js` (configuration from the environment; port 3003
 * by default). `node dist/apps/outreach/main.js migrate` applies the pending migrations and exits (with
 * MIGRATE_ON_START=false). On its first start it seeds the villages of REGENCY_CODE and the calendar settings.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, loadServiceConfig, runMigrateCommand } from '@adminduk/platform';
import { OUTREACH_OPENAPI, OUTREACH_SERVICE, OutreachModule } from './outreach.module';

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') process.exit(await runMigrateCommand(OUTREACH_SERVICE));
  const config = loadServiceConfig('outreach');
  const app = await NestFactory.create<NestFastifyApplication>(OutreachModule.forRoot(config), createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app, config, OUTREACH_OPENAPI);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`outreach listening on http://${config.host}:${config.port} (API docs: /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`outreach failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
