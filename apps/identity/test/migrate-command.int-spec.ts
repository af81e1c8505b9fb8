// `main.js migrate` of the identity service, run as a deployment runs it (a process of its own, configuration from
// the environment; here the TypeScript sources through the workspace's ts-register instead of the built dist):
// against a fresh PostgreSQL database it creates the service's tables and exits 0; a second run applies nothing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createDatabase, dropDatabase } from '@adminduk/platform/testing';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..');
let db: { name: string; url: string };

beforeAll(async () => {
  db = await createDatabase('identitymigrate');
});
afterAll(async () => {
  if (db) await dropDatabase(db.name);
});

async function migrate(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/identity/src/main.ts', 'migrate'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function tables(): Promise<string[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('node main.js migrate', () => {
  it("applies the identity service's migrations to a fresh database and exits; a second run applies nothing", async () => {
    const first = await migrate({ DATABASE_URL: db.url, MIGRATE_ON_START: 'false' });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^identity: applied \d+ migration\(s\): Migration\d+_initial/);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'mikro_orm_migrations',
        'resident',
        'nik_serial_counter',
        'family_card',
        'family_card_membership',
        'family_card_version',
        'kk_serial_counter',
        'ektp_action',
        'kia_action',
        'resident_status_action',
        'outbox_event',
        'inbox_message',
        'audit_entry',
        'audit_entry_result',
      ]),
    );
    const second = await migrate({ DATABASE_URL: db.url });
    expect(second).toMatchObject({ code: 0, stdout: 'identity: no pending migration, the database is up to date\n' });
  });

  it('exits 1 with a message when the configuration is invalid', async () => {
    const res = await migrate({ DATABASE_URL: 'mysql://nope' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/identity migrate failed: invalid configuration/);
  });
});
