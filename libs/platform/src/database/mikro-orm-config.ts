/**
 * MikroORM for PostgreSQL (production, CI) and SQLite (the embedded default), chosen by DATABASE_URL.
 * Each service lists its entities and its migrations explicitly, one list per driver: the SQL differs
 * between the two, and both lists are checked against the entities by a test (no drift).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AnyEntity, EntityClass, MigrationObject, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { ServiceConfig } from '../config/service-config';

export interface DatabaseDefinition {
  readonly entities: readonly EntityClass<AnyEntity>[];
  readonly migrations: { readonly postgresql: readonly MigrationObject[]; readonly sqlite: readonly MigrationObject[] };
}

export type DatabaseKind = 'postgresql' | 'sqlite';

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
}

export function mikroOrmOptions(config: Pick<ServiceConfig, 'databaseUrl'>, db: DatabaseDefinition): Options {
  const kind = databaseKind(config.databaseUrl);
  const common = {
    entities: [...db.entities],
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    migrations: {
      migrationsList: [...db.migrations[kind]],
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
      snapshot: false,
      silent: true,
    },
  } satisfies Options;
  if (kind === 'sqlite') {
    const file = config.databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    return { ...common, driver: BetterSqliteDriver, dbName: file };
  }
  return { ...common, driver: PostgreSqlDriver, clientUrl: config.databaseUrl, pool: { min: 0, max: 10 } };
}
