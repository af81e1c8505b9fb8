// AuditService on SQLite: what a row holds (the caller from the request context, never a NIK), that a row
// recorded in a transaction is saved with it or not at all, and the region a search row belongs to.
import { MikroORM } from '@mikro-orm/core';
import type { Principal } from '../auth/principal';
import { runInContext } from '../context/request-context';
import { mikroOrmOptions } from '../database/mikro-orm-config';
import { AuditEntry, AuditEntryResult } from './audit-entry.entity';
import { AuditService, InvalidAuditEntryError, regionCovering, type AuditRecordInput } from './audit.service';

let orm: MikroORM;
let audit: AuditService;

const operator: Principal = { id: 'op-aesesa', kind: 'user', roles: ['operator', 'registrar'], regions: ['531601'] };
/** Runs fn as a request of `principal` (null: a request without a caller) through `endpoint`. */
const inRequest = <T>(fn: () => T, principal: Principal | null = operator, endpoint = 'GET /residents/:id') =>
  runInContext({ requestId: 'req-1', endpoint, ...(principal ? { principal } : {}) }, fn);

beforeAll(async () => {
  orm = await MikroORM.init(
    mikroOrmOptions({ databaseUrl: 'sqlite::memory:' }, { entities: [AuditEntry, AuditEntryResult], migrations: { postgresql: [], sqlite: [] } }),
  );
  await orm.schema.createSchema();
  audit = new AuditService(orm.em, { utcOffset: '+08:00' });
});
afterAll(() => orm.close(true));
beforeEach(async () => {
  await orm.schema.clearDatabase();
});

const count = () => orm.em.fork().count(AuditEntry);

describe('record', () => {
  it('takes the caller, endpoint and request id from the request context', async () => {
    const saved = await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'r-1', regionCode: '53.16.01' }));
    const row = await orm.em.fork().findOneOrFail(AuditEntry, { id: saved.id });
    expect(row).toMatchObject({
      actorId: 'op-aesesa',
      actorKind: 'user',
      actorRoles: ['operator', 'registrar'],
      action: 'READ',
      resourceType: 'resident',
      resourceId: 'r-1',
      regionCode: '531601',
      endpoint: 'GET /residents/:id',
      requestId: 'req-1',
      outcome: 'SUCCESS',
    });
    expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('names an API key caller by its key id', async () => {
    const key: Principal = { id: 'pustu-boawae', kind: 'api-key', roles: ['partner'], regions: ['531603'] };
    const saved = await inRequest(() => audit.recordNow({ action: 'CREATE', resourceType: 'birth-report', resourceId: 'b-1' }), key, 'POST /birth-reports');
    expect(saved).toMatchObject({ actorId: 'pustu-boawae', actorKind: 'api-key', actorRoles: ['partner'] });
  });

  it('records a public endpoint as anonymous, and work no request started as the system', async () => {
    const publicRead = await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'deed', resourceId: 'd-1' }), null, 'GET /deeds/verify/:id');
    expect(publicRead).toMatchObject({ actorId: 'anonymous', actorKind: 'anonymous', actorRoles: [], endpoint: 'GET /deeds/verify/:id' });
    const consumer = await inRequest(() => audit.recordNow({ action: 'UPDATE', resourceType: 'resident', resourceId: 'r-1' }), null, 'deeds.death.registered.v1');
    expect(consumer).toMatchObject({ actorId: 'system', actorKind: 'system', endpoint: 'deeds.death.registered.v1', requestId: 'req-1' });
    const job = await audit.recordNow({ action: 'UPDATE', resourceType: 'resident', resourceId: 'r-1' });
    expect(job).toMatchObject({ actorId: 'system', actorKind: 'system', endpoint: undefined, requestId: undefined });
  });

  it('writes the reads recorded at the same moment together, each with its own caller, and resolves each once written', async () => {
    const readers = Array.from({ length: 30 }, (_, i): Principal => ({ id: `op-${i}`, kind: 'user', roles: ['operator'], regions: ['531601'] }));
    const saved = await Promise.all(readers.map((p, i) => inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: `r-${i}`, regionCode: '531601' }), p)));
    const rows = await orm.em.fork().find(AuditEntry, {}, { orderBy: { resourceId: 'asc' } });
    expect(rows).toHaveLength(30);
    for (const [i, entry] of saved.entries()) expect(rows.find((r) => r.id === entry.id)).toMatchObject({ actorId: `op-${i}`, resourceId: `r-${i}` });
  });

  it('fails every read whose row could not be written, and writes again once the database can', async () => {
    const connection = orm.em.getConnection();
    await connection.execute('alter table audit_entry rename to audit_entry_away');
    try {
      const reads = ['r-1', 'r-2', 'r-3'].map((id) => inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: id })));
      for (const read of reads) await expect(read).rejects.toThrow(/audit_entry/);
    } finally {
      await connection.execute('alter table audit_entry_away rename to audit_entry');
    }
    expect(await count()).toBe(0);
    await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'r-4' }));
    expect(await count()).toBe(1);
  });

  it('is saved with the transaction it is recorded in, or not at all', async () => {
    await inRequest(() =>
      orm.em.fork().transactional(async (tx) => {
        audit.record(tx, { action: 'CREATE', resourceType: 'resident', resourceId: 'kept' });
      }),
    );
    await expect(
      inRequest(() =>
        orm.em.fork().transactional(async (tx) => {
          audit.record(tx, { action: 'CREATE', resourceType: 'resident', resourceId: 'rolled-back' });
          await tx.flush();
          throw new Error('the change failed after its audit row was flushed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    const rows = await orm.em.fork().find(AuditEntry, {});
    expect(rows.map((r) => r.resourceId)).toEqual(['kept']);
  });

  it('records a search with its result count and result ids (each once)', async () => {
    const saved = await inRequest(() =>
      audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: [{ id: 'r-2', regionCode: '531601' }, { id: 'r-1', regionCode: '531602' }, { id: 'r-2', regionCode: '531601' }] }),
    );
    const results = await orm.em.fork().find(AuditEntryResult, { entry: saved.id }, { orderBy: { resourceId: 'asc' } });
    expect(results.map((r) => r.resourceId)).toEqual(['r-1', 'r-2']);
    expect(saved).toMatchObject({ resultCount: 3, regionCode: '5316', resourceId: undefined });
  });

  it("puts a search that found nothing in the caller's region, or in none for a caller who may see everywhere", async () => {
    const scoped = await inRequest(() => audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: [] }));
    expect(scoped).toMatchObject({ resultCount: 0, regionCode: '531601' });
    const everywhere = await inRequest(() => audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: [] }), { ...operator, regions: ['*'] });
    expect(everywhere.regionCode).toBeUndefined();
  });

  it.each<[string, AuditRecordInput]>([
    ['a NIK as the resource id', { action: 'READ', resourceType: 'resident', resourceId: '5316014103900001' }],
    ['a NIK inside the resource id', { action: 'READ', resourceType: 'resident', resourceId: 'nik:5316014103900001' }],
    ['a NIK among the results', { action: 'SEARCH', resourceType: 'resident', results: [{ id: 'r-1' }, { id: '5316014103900001' }] }],
    ['a name as the resource id', { action: 'READ', resourceType: 'resident', resourceId: 'Maria Goreti Wea' }],
    ['a READ without a resource id', { action: 'READ', resourceType: 'resident' }],
    ['an UPDATE with results', { action: 'UPDATE', resourceType: 'resident', resourceId: 'r-1', results: [] }],
    ['a SEARCH without results', { action: 'SEARCH', resourceType: 'resident' }],
    ['a resource type that is not kebab-case', { action: 'READ', resourceType: 'Family Card', resourceId: 'k-1' }],
    ['an empty resource type', { action: 'READ', resourceType: '', resourceId: 'k-1' }],
  ])('refuses %s as a bug, and writes nothing', async (_what, input) => {
    expect(() => inRequest(() => audit.record(orm.em.fork(), input))).toThrow(InvalidAuditEntryError);
    await expect(inRequest(() => audit.recordNow(input))).rejects.toThrow(InvalidAuditEntryError);
    expect(await count()).toBe(0);
  });
});

describe('regionCovering', () => {
  it.each([
    [['531601'], '531601'],
    [['531601', '531601'], '531601'],
    [['5316012002', '5316012003'], '531601'],
    [['5316012002', '5316012002'], '5316012002'],
    [['531601', '531603'], '5316'],
    [['5316012002', '531603'], '5316'],
    [['531601', '530101'], '53'],
    [['53.16.01', '53.16.02'], '5316'],
    [['531601', '630101'], undefined],
    [['531601', undefined], undefined],
    [['531601', null], undefined],
    [[], undefined],
  ])('%j → %j', (codes, expected) => {
    expect(regionCovering(codes)).toBe(expected);
  });
});

describe('list', () => {
  const admin: Principal = { id: 'admin', kind: 'user', roles: ['admin'], regions: ['*'] };

  it('shows an admin only the entries of their region; none without a region', async () => {
    await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'in-601', regionCode: '531601' }));
    await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'in-602', regionCode: '531602' }));
    await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'nowhere' }));
    const ids = async (regions: string[]) => (await audit.list({}, { ...admin, regions })).items.map((e) => e.resourceId);
    expect(await ids(['*'])).toEqual(['in-601', 'in-602', 'nowhere']);
    expect(await ids(['5316'])).toEqual(['in-601', 'in-602']);
    expect(await ids(['531602'])).toEqual(['in-602']);
    expect(await ids(['531601', '531602'])).toEqual(['in-601', 'in-602']);
    expect(await ids([])).toEqual([]);
  });

  it("writes when at the office's offset, with milliseconds (the same moment as the row)", async () => {
    const row = await inRequest(() => audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: 'when-1', regionCode: '531601' }));
    const [entry] = (await audit.list({ resourceId: 'when-1' }, admin)).items;
    expect(entry?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(Date.parse(entry?.at ?? '')).toBe(row.at.getTime());
  });
});
