/**
 * The `migrate` command every service offers: `node dist/apps/<service>/main.js migrate` applies the pending
 * migrations of the service's database (DATABASE_URL) and exits, for deployments that migrate as a step of their
 * own and start the service with MIGRATE_ON_START=false (several instances then never race to migrate, and the
 * service's database user needs no DDL rights). It runs the same migration lists as MigrationRunner at start-up,
 * without Nest, NATS or HTTP. DEV_SCHEMA_SYNC is never applied here: that is for development only.
 */
import { MikroORM } from '@mikro-orm/core';
import type { ServiceDefinition } from '../bootstrap/service-definition';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config';
import { PLATFORM_ENTITIES } from '../platform.module';
import { mikroOrmOptions, type DatabaseDefinition } from './mikro-orm-config';

/** Applies the pending migrations of `database` (with the platform's own tables) and returns their names, in order. */
export async function migrateDatabase(config: Pick<ServiceConfig, 'databaseUrl'>, database: DatabaseDefinition): Promise<string[]> {
  const orm = await MikroORM.init(mikroOrmOptions(config, { ...database, entities: [...PLATFORM_ENTITIES, ...database.entities] }));
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

export interface CommandStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * The `migrate` command of a service: configuration from `env` (validated as at start-up), the pending migrations
 * applied, one line reported. Returns the process exit code (0 done, 1 failed); main.ts exits with it:
 *
 *     if (process.argv[2] === 'migrate') process.exit(await runMigrateCommand(IDENTITY_SERVICE));
 */
export async function runMigrateCommand(
  definition: ServiceDefinition,
  env: Readonly<Record<string, string | undefined>> = process.env,
  streams: CommandStreams = process,
): Promise<number> {
  if (!definition.database) {
    streams.stderr.write(`${definition.name} migrate: the service definition names no database\n`);
    return 1;
  }
  try {
    const config = loadServiceConfig(definition.name, env);
    const applied = await migrateDatabase(config, definition.database);
    streams.stdout.write(
      applied.length > 0 ? `${definition.name}: applied ${applied.length} migration(s): ${applied.join(', ')}\n` : `${definition.name}: no pending migration, the database is up to date\n`,
    );
    return 0;
  } catch (error) {
    streams.stderr.write(`${definition.name} migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
