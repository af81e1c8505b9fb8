// The committed migrations of every service cover its entities, on PostgreSQL and on SQLite: a fresh database
// migrated with them needs no further schema change.
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pendingSchemaChanges } from './migrations';

const root = resolve(__dirname, '..', '..');
const services = readdirSync(join(root, 'apps')).filter((s) => existsSync(join(root, 'apps', s, 'src', `${s}.database.ts`)));

describe('migrations', () => {
  it('exist for at least one service', () => {
    expect(services.length).toBeGreaterThan(0);
  });

  it.each(services.flatMap((s) => [[s, 'postgresql'], [s, 'sqlite']] as const))('%s on %s: no schema drift', async (service, kind) => {
    expect(await pendingSchemaChanges(service, kind)).toBe('');
  }, 60_000);
});
