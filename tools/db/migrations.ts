/**
 * Database migrations of a service, for both database kinds.
 *
 *   node -r @swc-node/register tools/db/migrations.ts create <service> <name>   write the migrations for what changed
 *   node -r @swc-node/register tools/db/migrations.ts check <service>           fail when the entities have changes
 *                                                                                   no migration covers
 *
 * For each kind (PostgreSQL on DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/test; SQLite in a
 * temporary file) it creates a fresh database, applies the service's committed migrations, compares the schema
 * with the entities and, for `create`, writes the difference as a new migration in
 * apps/<service>/src/migrations/<kind>/. Then it rewrites apps/<service>/src/migrations/index.ts.
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { mikroOrmOptions, PLATFORM_ENTITIES, type DatabaseDefinition, type DatabaseKind } from '@adminduk/platform';
import { createDatabase, dropDatabase } from '@adminduk/platform/testing';

const root = resolve(__dirname, '..', '..');

async function definitionOf(service: string): Promise<DatabaseDefinition> {
  const module = (await import(join(root, 'apps', service, 'src', `${service}.database.ts`))) as Record<string, DatabaseDefinition>;
  const definition = Object.values(module).find((v) => typeof v === 'object' && v !== null && 'entities' in v && 'migrations' in v);
  if (!definition) throw new Error(`apps/${service}/src/${service}.database.ts exports no DatabaseDefinition`);
  return { ...definition, entities: [...PLATFORM_ENTITIES, ...definition.entities] };
}

async function withFreshDatabase<T>(kind: DatabaseKind, fn: (url: string) => Promise<T>): Promise<T> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'adminduk-migrations-'));
    try {
      return await fn(`sqlite:${join(dir, 'db.sqlite')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { url, name } = await createDatabase('migrations');
  try {
    return await fn(url);
  } finally {
    await dropDatabase(name);
  }
}

/** The SQL that would bring a database migrated with the committed migrations up to the entities. */
export async function pendingSchemaChanges(service: string, kind: DatabaseKind): Promise<string> {
  const definition = await definitionOf(service);
  return withFreshDatabase(kind, async (url) => {
    const orm = await MikroORM.init(mikroOrmOptions({ databaseUrl: url }, definition));
    try {
      await orm.getMigrator().up();
      const sql = (await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false })).trim();
      // MikroORM cannot read CHECK constraints back from SQLite, so it always proposes to add them again
      // (and SQLite could not ALTER them in anyway): the migration's CREATE TABLE already holds them.
      return kind === 'sqlite'
        ? sql
            .split('\n')
            .filter((line) => !/^alter table `\w+` add constraint \w+ check\(/.test(line.trim()))
            .join('\n')
            .trim()
        : sql;
    } finally {
      await orm.close(true);
    }
  });
}

async function create(service: string, name: string): Promise<void> {
  const definition = await definitionOf(service);
  for (const kind of ['postgresql', 'sqlite'] as const) {
    await withFreshDatabase(kind, async (url) => {
      const orm = await MikroORM.init({
        ...mikroOrmOptions({ databaseUrl: url }, definition),
        migrations: { ...mikroOrmOptions({ databaseUrl: url }, definition).migrations, path: join(root, 'apps', service, 'src', 'migrations', kind), emit: 'ts' },
      });
      try {
        await orm.getMigrator().up();
        const result = await orm.getMigrator().createMigration(join(root, 'apps', service, 'src', 'migrations', kind), false, false, name);
        if (kind === 'sqlite' && result.fileName) dropSqliteCheckReAdds(join(root, 'apps', service, 'src', 'migrations', kind, result.fileName));
        console.log(result.diff.up.length === 0 ? `${kind}: no changes` : `${kind}: wrote ${result.fileName}`);
      } finally {
        await orm.close(true);
      }
    });
  }
  writeIndex(service);
}

/**
 * MikroORM cannot read CHECK constraints back from SQLite, so a SQLite migration made after the first one
 * re-adds every existing CHECK with ALTER TABLE, which SQLite refuses: drop those lines (the CREATE TABLE of the
 * earlier migration holds the constraint).
 */
function dropSqliteCheckReAdds(file: string): void {
  const text = readFileSync(file, 'utf8');
  const kept = text
    .split('\n')
    .filter((line) => !/this\.addSql\(`alter table `\w+` add constraint \w+ check\(/.test(line))
    .join('\n');
  if (kept !== text) writeFileSync(file, kept);
}

function writeIndex(service: string): void {
  const dir = join(root, 'apps', service, 'src', 'migrations');
  const lines = ["// GENERATED by tools/db/migrations.ts: the migrations of this service, per database kind, in order.", "import type { MigrationObject } from '@mikro-orm/core';"];
  const lists: Record<string, string[]> = { postgresql: [], sqlite: [] };
  for (const kind of ['postgresql', 'sqlite'] as const) {
    for (const file of readdirSync(join(dir, kind)).filter((f) => /^Migration\d+.*\.ts$/.test(f)).sort()) {
      const className = file.replace(/\.ts$/, '');
      const alias = `${kind === 'postgresql' ? 'Pg' : 'Sqlite'}${className}`;
      lines.push(`import { ${className} as ${alias} } from './${kind}/${className}';`);
      (lists[kind] as string[]).push(`{ name: '${className}', class: ${alias} }`);
    }
  }
  lines.push('', 'export const MIGRATIONS: { postgresql: MigrationObject[]; sqlite: MigrationObject[] } = {');
  for (const kind of ['postgresql', 'sqlite']) lines.push(`  ${kind}: [${(lists[kind] as string[]).join(', ')}],`);
  lines.push('};', '');
  writeFileSync(join(dir, 'index.ts'), lines.join('\n'));
}

async function main(): Promise<void> {
  const [command, service, name] = process.argv.slice(2);
  if (command === 'create' && service && name && !/^[a-z][a-z0-9_]*$/.test(name)) {
    console.error('the migration name becomes part of a class name: use lower case letters, digits and underscores');
    process.exit(2);
  }
  if (command === 'create' && service && name) return create(service, name);
  if (command === 'check' && service) {
    let stale = false;
    for (const kind of ['postgresql', 'sqlite'] as const) {
      const sql = await pendingSchemaChanges(service, kind);
      if (sql) {
        stale = true;
        console.error(`${service} (${kind}): the entities have changes no migration covers:\n${sql}`);
      }
    }
    if (stale) process.exit(1);
    console.log(`${service}: migrations cover the entities`);
    return;
  }
  console.error('usage: migrations.ts create <service> <name> | check <service>');
  process.exit(2);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
