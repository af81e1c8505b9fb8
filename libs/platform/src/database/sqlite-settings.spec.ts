// The SQLite settings every connection gets (the embedded default of `npm start`): write-ahead logging,
// synchronous NORMAL and a busy timeout, checked on a real database file opened the way the services open it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entity, MikroORM, PrimaryKey, Property } from '@mikro-orm/core';
import { mikroOrmOptions } from './mikro-orm-config';

@Entity({ tableName: 'gadget' })
class Gadget {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ length: 50 })
  name!: string;
}

describe('SQLite connection settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a database file in WAL mode with synchronous NORMAL and a busy timeout, and commits survive a reopen', async () => {
    const url = `sqlite:${join(dir, 'service.db')}`;
    const options = mikroOrmOptions({ databaseUrl: url }, { entities: [Gadget], migrations: { postgresql: [], sqlite: [] } });
    const orm = await MikroORM.init(options);
    try {
      const connection = orm.em.getConnection();
      await connection.execute('create table gadget (id text primary key, name text not null)');
      const [mode] = await connection.execute<{ journal_mode: string }[]>('pragma journal_mode');
      const [sync] = await connection.execute<{ synchronous: number }[]>('pragma synchronous');
      const [busy] = await connection.execute<{ timeout: number }[]>('pragma busy_timeout');
      expect(mode.journal_mode).toBe('wal');
      expect(sync.synchronous).toBe(1); // NORMAL
      expect(busy.timeout).toBe(10_000);
      await orm.em.fork().persistAndFlush(Object.assign(new Gadget(), { id: 'g1', name: 'kit' }));
    } finally {
      await orm.close(true);
    }
    const again = await MikroORM.init(mikroOrmOptions({ databaseUrl: url }, { entities: [Gadget], migrations: { postgresql: [], sqlite: [] } }));
    try {
      expect(await again.em.fork().count(Gadget, {})).toBe(1);
    } finally {
      await again.close(true);
    }
  });
});
