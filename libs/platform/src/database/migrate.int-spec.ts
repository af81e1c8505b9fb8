// The `migrate` command (runMigrateCommand) against a fresh PostgreSQL database: it applies the pending migrations
// of the service's database definition and reports them, applies nothing the second time, and fails with exit
// code 1 and a message (never a stack of Nest) for a bad configuration or a definition without a database.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { Client } from 'pg';
import type { ServiceDefinition } from '../bootstrap/service-definition';
import { createDatabase, dropDatabase } from '../testing';
import { migrateDatabase, runMigrateCommand } from './migrate';
import type { DatabaseDefinition } from './mikro-orm-config';

@Entity({ tableName: 'widget' })
class Widget {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ length: 50 })
  name!: string;
}

class Migration20260101000000_widget extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "widget" ("id" uuid not null, "name" varchar(50) not null, constraint "widget_pkey" primary key ("id"));');
  }
}

class Migration20260102000000_widget_index extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index "widget_name_idx" on "widget" ("name");');
  }
}

const WIDGETS: ServiceDefinition = {
  name: 'widgets',
  module: () => ({ module: class WidgetsModule {} }),
  openApi: { title: 'widgets', description: 'a service for the migrate command test', version: '0' },
  database: {
    entities: [Widget],
    migrations: {
      postgresql: [
        { name: 'Migration20260101000000_widget', class: Migration20260101000000_widget },
        { name: 'Migration20260102000000_widget_index', class: Migration20260102000000_widget_index },
      ],
      sqlite: [],
    },
  },
};

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, streams: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
}

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by table_name");
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

let db: { name: string; url: string };

beforeAll(async () => {
  db = await createDatabase('migratecmd');
});
afterAll(async () => {
  if (db) await dropDatabase(db.name);
});

describe('runMigrateCommand', () => {
  it('applies the pending migrations to a fresh database, reports them, and exits 0', async () => {
    const { out, streams } = capture();
    expect(await runMigrateCommand(WIDGETS, { DATABASE_URL: db.url }, streams)).toBe(0);
    expect(out.stdout).toBe('widgets: applied 2 migration(s): Migration20260101000000_widget, Migration20260102000000_widget_index\n');
    expect(out.stderr).toBe('');
    expect(await tables(db.url)).toEqual(['mikro_orm_migrations', 'widget']);
  });

  it('applies nothing the second time', async () => {
    const { out, streams } = capture();
    expect(await runMigrateCommand(WIDGETS, { DATABASE_URL: db.url }, streams)).toBe(0);
    expect(out.stdout).toBe('widgets: no pending migration, the database is up to date\n');
    expect(await migrateDatabase({ databaseUrl: db.url }, WIDGETS.database as DatabaseDefinition)).toEqual([]);
  });

  it('exits 1 with a message for an invalid configuration, an unreachable database or no database definition', async () => {
    const bad = capture();
    expect(await runMigrateCommand(WIDGETS, { DATABASE_URL: 'mysql://nope' }, bad.streams)).toBe(1);
    expect(bad.out.stderr).toMatch(/^widgets migrate failed: invalid configuration:[\s\S]*DATABASE_URL/);
    const unreachable = capture();
    expect(await runMigrateCommand(WIDGETS, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }, unreachable.streams)).toBe(1);
    expect(unreachable.out.stderr).toMatch(/^widgets migrate failed: /);
    const none = capture();
    expect(await runMigrateCommand({ ...WIDGETS, database: undefined }, { DATABASE_URL: db.url }, none.streams)).toBe(1);
    expect(none.out.stderr).toBe('widgets migrate: the service definition names no database\n');
  });
});
