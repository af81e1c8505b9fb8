/**
 * Starts the reporting service: `node dist/apps/reporting/main.js` (configuration from the environment; port 3004
 * by default). `node dist/apps/reporting/main.js migrate` applies the pending migrations and exits (with
 * MIGRATE_ON_START=false). `node dist/apps/reporting/main.js replay` empties the read models, rebuilds them from
 * the JetStream history (IDENTITY, DEEDS, OUTREACH under NATS_PREFIX), prints what it did as JSON and exits; a
 * running instance's durable consumers go on from where they are.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, loadServiceConfig, runMigrateCommand } from '@adminduk/platform';
import { REPORTING_OPENAPI, REPORTING_SERVICE, ReportingModule } from './reporting.module';
import { ReplayService } from './projections/replay.service';

async function replay(): Promise<number> {
  const config = loadServiceConfig('reporting');
  const context = await NestFactory.createApplicationContext(ReportingModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const report = await context.get(ReplayService).replay();
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') process.exit(await runMigrateCommand(REPORTING_SERVICE));
  if (process.argv[2] === 'replay') process.exit(await replay());
  const config = loadServiceConfig('reporting');
  const app = await NestFactory.create<NestFastifyApplication>(ReportingModule.forRoot(config), createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app, config, REPORTING_OPENAPI);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`reporting listening on http://${config.host}:${config.port} (API docs: /docs, dashboard: /dashboard)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`reporting failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
