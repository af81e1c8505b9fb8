// The audit trail on the machine's PostgreSQL (integration tier): rows saved with their transaction or not at
// all, the roles column (json), time filters on timestamptz, and the filter on a record that also finds the
// searches that returned it, paged without gaps or repeats.
import { MikroORM } from '@mikro-orm/core';
import { createDatabase, dropDatabase } from '../testing/temp-database';
import type { Principal } from '../auth/principal';
import { runInContext } from '../context/request-context';
import { mikroOrmOptions } from '../database/mikro-orm-config';
import { AuditEntry, AuditEntryResult } from './audit-entry.entity';
import { AuditService } from './audit.service';

let db: { name: string; url: string };
let orm: MikroORM;
let audit: AuditService;

const operator: Principal = { id: 'op-aesesa', kind: 'user', roles: ['operator'], regions: ['5316'] };
const admin: Principal = { id: 'admin', kind: 'user', roles: ['admin'], regions: ['*'] };
const asOperator = <T>(fn: () => T, requestId = 'req-pg') => runInContext({ requestId, endpoint: 'GET /residents', principal: operator }, fn);

beforeAll(async () => {
  db = await createDatabase('audit');
  orm = await MikroORM.init(mikroOrmOptions({ databaseUrl: db.url }, { entities: [AuditEntry, AuditEntryResult], migrations: { postgresql: [], sqlite: [] } }));
  await orm.schema.createSchema();
  audit = new AuditService(orm.em, { utcOffset: '+08:00' });
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  if (db) await dropDatabase(db.name);
});

describe('audit trail on PostgreSQL', () => {
  it('saves a row with its transaction, or not at all', async () => {
    await asOperator(() => orm.em.fork().transactional(async (tx) => void audit.record(tx, { action: 'CREATE', resourceType: 'resident', resourceId: 'pg-kept', regionCode: '531601' })));
    await expect(
      asOperator(() =>
        orm.em.fork().transactional(async (tx) => {
          audit.record(tx, { action: 'CREATE', resourceType: 'resident', resourceId: 'pg-lost', regionCode: '531601' });
          await tx.flush();
          throw new Error('rolled back');
        }),
      ),
    ).rejects.toThrow('rolled back');
    const page = await audit.list({ action: 'CREATE' }, admin);
    expect(page.items.map((e) => [e.resourceId, e.actorId, e.actorRoles])).toEqual([['pg-kept', 'op-aesesa', ['operator']]]);
  });

  it("finds a record's reads, changes and the searches that returned it, page by page", async () => {
    await asOperator(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'pg-r1', regionCode: '531601' }));
    await asOperator(() => audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: [{ id: 'pg-r1', regionCode: '531601' }, { id: 'pg-r2', regionCode: '531602' }] }));
    await asOperator(() => audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: [{ id: 'pg-r2', regionCode: '531602' }] }));
    await asOperator(() => audit.recordNow({ action: 'UPDATE', resourceType: 'resident', resourceId: 'pg-r1', regionCode: '531601' }));

    const all = await audit.list({ resourceId: 'pg-r1' }, admin);
    expect(all.items.map((e) => e.action)).toEqual(['READ', 'SEARCH', 'UPDATE']);
    expect(all.items[1]).toMatchObject({ resultCount: 2, resultIds: ['pg-r1', 'pg-r2'], regionCode: '5316' });

    const walked: string[] = [];
    let after: string | undefined;
    do {
      const page = await audit.list({ resourceId: 'pg-r1', limit: 1, ...(after ? { after } : {}) }, admin);
      walked.push(...page.items.map((e) => e.id));
      after = page.next;
    } while (after);
    expect(walked).toEqual(all.items.map((e) => e.id));

    const kecamatanAdmin = { ...admin, regions: ['531601'] };
    expect((await audit.list({ resourceId: 'pg-r1' }, kecamatanAdmin)).items.map((e) => e.action)).toEqual(['READ', 'UPDATE']);
  });

  it('filters by time with offsets (from inclusive, to exclusive)', async () => {
    const all = (await audit.list({}, admin)).items;
    const first = all[0]?.at as string;
    const last = all[all.length - 1]?.at as string;
    const plusOneMs = new Date(Date.parse(last) + 1).toISOString();
    expect((await audit.list({ from: first, to: plusOneMs }, admin)).items).toHaveLength(all.length);
    expect((await audit.list({ to: first }, admin)).items).toEqual([]);
    // Entries are written at the office's offset; a filter may name the same instant at any offset (here UTC).
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    const utc = new Date(Date.parse(first)).toISOString();
    expect((await audit.list({ from: utc }, admin)).items).toHaveLength(all.length);
  });
});
