// Incremental figures on PostgreSQL (integration tier, a throw-away database, no NATS): the live path applies
// events in their own transactions; each kept day is brought up to date by counting again only the touched
// villages with `village_code in (…)` (served by the village index), and equals a full count made apart.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import type { Counts } from '../src/indicators/counts';
import { FiguresService } from '../src/indicators/figures.service';
import { ProjectionEventsService, type ProjectedSubject } from '../src/projections/projection-events.service';
import { at, Caller, envelope, plusDays, startReporting, synthPopulation, TODAY } from './reporting-fixtures';

jest.setTimeout(240_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let figures: FiguresService;
let projection: ProjectionEventsService;
let em: EntityManager;
const PAST = plusDays(TODAY, -45);

async function apply(subject: EventSubject, payload: object, occurredAt: string): Promise<void> {
  const event = envelope(subject, payload, occurredAt);
  await em.fork().transactional((tx) => projection.apply(tx, subject as ProjectedSubject, event as never));
}

function plain(villages: Map<string, Counts>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const code of [...villages.keys()].sort()) {
    const c = villages.get(code) as Counts;
    out[code] = { m: c.m, blas: [...c.hist.blas].sort(), omas: [...c.hist.omas].sort(), unvisited: c.unvisitedVillages };
  }
  return out;
}

beforeAll(async () => {
  db = await createDatabase('reportingincr');
  t = await startReporting({ DATABASE_URL: db.url });
  figures = t.app.get(FiguresService);
  projection = t.app.get(ProjectionEventsService);
  em = t.app.get(MikroORM).em.fork();
  const pop = synthPopulation(600, 31);
  await em.fork().transactional(async (tx) => {
    for (const e of pop.events) await projection.apply(tx, e.subject as ProjectedSubject, e.envelope as never);
  });
}, 180_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

it('events in two villages: only those are counted again, on today and on a past day, and the figures equal a full count', async () => {
  await figures.villageCounts(TODAY);
  const pastBefore = await figures.villageCounts(PAST);
  const [v1, v2] = ['5316011001', '5316021001'];
  const residentId = uuidv7();
  // Registered 100 days ago in v1, moved today to v2 (the marital status event carries the new place).
  await apply(
    SUBJECTS.identity.residentRegistered,
    { residentId, nik: '5316011212800001', birthDate: '1980-12-12', sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ektpState: 'NOT_RECORDED', districtCode: v1.slice(0, 6), villageCode: v1 },
    at(plusDays(TODAY, -100)),
  );
  await apply(SUBJECTS.identity.residentMaritalStatusChanged, { residentId, from: 'BELUM_KAWIN', to: 'KAWIN_TERCATAT', districtCode: v2.slice(0, 6), villageCode: v2 }, at(TODAY));

  const connection = em.getConnection();
  const spy = jest.spyOn(connection, 'execute');
  const stats = { ...figures.stats };
  const [today, past] = [await figures.villageCounts(TODAY), await figures.villageCounts(PAST)];
  const sql = spy.mock.calls.map((c) => String(c[0]));
  spy.mockRestore();

  expect(figures.stats.incremental - stats.incremental).toBe(2);
  expect(figures.stats.full).toBe(stats.full);
  expect(figures.stats.villagesRecounted - stats.villagesRecounted).toBe(4); // two villages, two days
  expect(sql).toHaveLength(8); // 4 statements a day
  for (const s of sql) expect(s).toMatch(new RegExp(`village_code in \\('(${v1}', '${v2}|${v2}', '${v1})'\\)`));
  expect(plain(today)).toEqual(plain(await figures.freshVillageCounts(TODAY)));
  expect(plain(past)).toEqual(plain(await figures.freshVillageCounts(PAST)));
  // The read model keeps one place per resident (the newest event's), so on the past day too the resident counts in v2.
  expect(past.get(v2)?.m.ektpTotal).toBe((pastBefore.get(v2)?.m.ektpTotal ?? 0) + 1);
  for (const [code, c] of pastBefore) if (code !== v1 && code !== v2) expect(past.get(code)).toBe(c);

  // The API on the same figures: the incremental answer equals the one counted in full after a "replay".
  const incremental = (await new Caller(t).get('/indicators')).body;
  projection.changed();
  expect((await new Caller(t).get('/indicators')).body).toEqual(incremental);
});

it('PostgreSQL answers a one-village recount through the village index', async () => {
  // The test tables are small: with sequential scans off (in this transaction only) the planner shows whether the index can serve it.
  await em.fork().transactional(async (tx) => {
    const connection = tx.getConnection();
    const ctx = tx.getTransactionContext();
    await connection.execute('set local enable_seqscan = off', [], 'run', ctx);
    for (const table of ['reporting_resident', 'reporting_deed', 'reporting_visit']) {
      const plan = await connection.execute<{ 'QUERY PLAN': string }[]>(`explain select count(*) from ${table} where village_code in ('5316011001')`, [], 'all', ctx);
      expect((plan as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n')).toMatch(new RegExp(`Index.*${table}_village_idx`));
    }
  });
});
