// Incremental figures (service tier, SQLite, no NATS): after events, a day's village counts are brought up to
// date by counting again only the villages the events touched, and must equal a full count made without the
// cache (FiguresService.freshVillageCounts) — today and past days, after moves, after a replay, and for any
// sequence of events interleaved with requests (a fast-check property).
import fc from 'fast-check';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { listDistricts } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { uuidv7 } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { FiguresService } from '../src/indicators/figures.service';
import type { Counts } from '../src/indicators/counts';
import { ProjectionEventsService, type ProjectedSubject } from '../src/projections/projection-events.service';
import { at, Caller, envelope, plusDays, REGENCY, startReporting, synthPopulation, TODAY } from './reporting-fixtures';

jest.setTimeout(240_000);

let t: TestApp;
let figures: FiguresService;
let projection: ProjectionEventsService;
let em: EntityManager;

const districts = listDistricts(REGENCY).map((d) => d.code);
const villagesOf = (district: string) => listVillages(district).map((v) => v.code);
const [D1, D2] = [districts[0] as string, districts[1] as string];
const [V1, V2] = [villagesOf(D1)[0] as string, villagesOf(D1)[1] as string];
const V3 = villagesOf(D2)[0] as string;
const PAST = plusDays(TODAY, -30);

/** One event through the live path, in its own transaction (as the consumers apply them). */
async function apply(subject: EventSubject, payload: object, occurredAt: string): Promise<void> {
  const event = envelope(subject, payload, occurredAt);
  await em.fork().transactional((tx) => projection.apply(tx, subject as ProjectedSubject, event as never));
}

function register(residentId: string, villageCode: string, birthDate: string, day: string): Promise<void> {
  return apply(
    SUBJECTS.identity.residentRegistered,
    { residentId, nik: `5316${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`, birthDate, sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ektpState: 'NOT_RECORDED', kiaState: 'NOT_ISSUED', hasBirthDeed: false, districtCode: villageCode.slice(0, 6), villageCode },
    at(day),
  );
}

/** Comparable form of a day's counts: village → measures, histograms, not-visited flag (in code order). */
function plain(villages: Map<string, Counts>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const code of [...villages.keys()].sort()) {
    const c = villages.get(code) as Counts;
    out[code] = { m: c.m, blas: [...c.hist.blas].sort(), omas: [...c.hist.omas].sort(), unvisited: c.unvisitedVillages };
  }
  return out;
}

async function expectFresh(day: string): Promise<Map<string, Counts>> {
  const served = await figures.villageCounts(day);
  expect(plain(served)).toEqual(plain(await figures.freshVillageCounts(day)));
  return served;
}

/** The SQL statements run while `work` runs. */
async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const connection = em.getConnection();
  const spy = jest.spyOn(connection, 'execute');
  try {
    const result = await work();
    return { result, sql: spy.mock.calls.map((c) => String(c[0])) };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  t = await startReporting();
  figures = t.app.get(FiguresService);
  projection = t.app.get(ProjectionEventsService);
  em = t.app.get(MikroORM).em.fork();
  const pop = synthPopulation(300, 23);
  await em.fork().transactional(async (tx) => {
    for (const e of pop.events) await projection.apply(tx, e.subject as ProjectedSubject, e.envelope as never);
  });
}, 120_000);

afterAll(() => t?.close());

describe('incremental village counts', () => {
  it('after a birth in one village, only that village is counted again; the others are reused; figures equal a full count', async () => {
    const before = await expectFresh(TODAY);
    const { sql: warm } = await statementsDuring(() => figures.villageCounts(TODAY));
    expect(warm).toEqual([]); // a cached day with no event since: no query at all

    const stats = { ...figures.stats };
    await register(uuidv7(), V1, plusDays(TODAY, -1), TODAY);
    const { result: after, sql } = await statementsDuring(() => figures.villageCounts(TODAY));

    expect(figures.stats.incremental).toBe(stats.incremental + 1);
    expect(figures.stats.full).toBe(stats.full);
    expect(figures.stats.villagesRecounted).toBe(stats.villagesRecounted + 1);
    expect(sql.length).toBeGreaterThan(0);
    for (const statement of sql) {
      expect(statement).toContain(`village_code in ('${V1}')`);
      expect(statement).not.toContain(`like '${REGENCY}%'`);
    }
    // The newborn counts among the children without a KIA and without a birth deed in V1, nowhere else.
    expect(after.get(V1)?.m.kiaTotal).toBe((before.get(V1)?.m.kiaTotal ?? 0) + 1);
    expect(after.get(V1)?.m.deedWithout).toBe((before.get(V1)?.m.deedWithout ?? 0) + 1);
    for (const [code, c] of before) if (code !== V1) expect(after.get(code)).toBe(c); // the very same counts object: reused
    expect(after).not.toBe(before);
    expect(before.get(V1)?.m.kiaTotal).toBe((after.get(V1)?.m.kiaTotal ?? 0) - 1); // the map handed out earlier did not change
    await expectFresh(TODAY);
  });

  it('a backdated event brings cached past days up to date too', async () => {
    const pastBefore = await expectFresh(PAST);
    const todayBefore = await expectFresh(TODAY);
    // A death reported today that happened 40 days ago: the resident no longer counts on the past day either.
    const residentId = uuidv7();
    await register(residentId, V3, '1950-05-05', plusDays(TODAY, -200));
    const withResident = await expectFresh(PAST);
    expect(withResident.get(V3)?.m.ektpTotal).toBe((pastBefore.get(V3)?.m.ektpTotal ?? 0) + 1);
    await apply(
      SUBJECTS.identity.residentStatusChanged,
      { residentId, from: 'ALIVE', to: 'DECEASED', effectiveDate: plusDays(TODAY, -40), change: 'DEATH', districtCode: D2, villageCode: V3 },
      at(TODAY),
    );
    const stats = { ...figures.stats };
    const past = await expectFresh(PAST);
    const today = await expectFresh(TODAY);
    expect(figures.stats.incremental).toBe(stats.incremental + 2);
    expect(figures.stats.full).toBe(stats.full);
    expect(past.get(V3)?.m.ektpTotal).toBe(pastBefore.get(V3)?.m.ektpTotal);
    expect(today.get(V3)?.m.ektpTotal).toBe(todayBefore.get(V3)?.m.ektpTotal);
  });

  it('a move counts both the village left and the village entered again', async () => {
    const residentId = uuidv7();
    await register(residentId, V1, '1980-01-01', plusDays(TODAY, -100));
    const before = await expectFresh(TODAY);
    await apply(
      SUBJECTS.identity.residentMaritalStatusChanged,
      { residentId, from: 'BELUM_KAWIN', to: 'KAWIN_TERCATAT', districtCode: D1, villageCode: V2 },
      at(TODAY),
    );
    const { result: after, sql } = await statementsDuring(() => expectFresh(TODAY));
    const recount = sql.filter((s) => s.includes('village_code in ('));
    expect(recount.length).toBeGreaterThan(0);
    for (const s of recount) expect(s).toMatch(new RegExp(`village_code in \\('(${V1}', '${V2}|${V2}', '${V1})'\\)`));
    expect(after.get(V1)?.m.ektpTotal).toBe((before.get(V1)?.m.ektpTotal ?? 0) - 1);
    expect(after.get(V2)?.m.ektpTotal).toBe((before.get(V2)?.m.ektpTotal ?? 0) + 1);
  });

  it('a replay (everything changed) counts every village again in full', async () => {
    await expectFresh(TODAY);
    const stats = { ...figures.stats };
    projection.changed();
    const { sql } = await statementsDuring(() => figures.villageCounts(TODAY));
    expect(figures.stats.full).toBe(stats.full + 1);
    expect(figures.stats.incremental).toBe(stats.incremental);
    expect(sql.some((s) => s.includes(`village_code like '${REGENCY}%'`))).toBe(true);
    expect(sql.some((s) => s.includes('village_code in ('))).toBe(false);
    await expectFresh(TODAY);
  });

  it('the journal of touched villages reports what changed since a version, and ALL after a replay', () => {
    const since = projection.changes;
    projection.touched([V1, null, V1, `${D1}0000`]);
    projection.touched([V3]);
    expect([...(projection.touchedSince(since) as Set<string>)].sort()).toEqual([V1, `${D1}0000`, V3].sort());
    expect([...(projection.touchedSince(since + 1) as Set<string>)]).toEqual([V3]);
    expect((projection.touchedSince(projection.changes) as Set<string>).size).toBe(0);
    projection.changed();
    expect(projection.touchedSince(since)).toBe('ALL');
    expect((projection.touchedSince(projection.changes) as Set<string>).size).toBe(0);
  });

  it('GET /indicators after events equals the answer counted in full', async () => {
    await new Caller(t).get('/indicators');
    await new Caller(t).get(`/indicators?region=${D1}&date=${PAST}`);
    await register(uuidv7(), V2, '2010-02-02', plusDays(TODAY, -3));
    const stats = { ...figures.stats };
    const incremental = [(await new Caller(t).get('/indicators')).body, (await new Caller(t).get(`/indicators?region=${D1}&date=${PAST}`)).body];
    expect(figures.stats.incremental).toBe(stats.incremental + 2);
    projection.changed(); // the uncached path: every figure counted again in full
    const full = [(await new Caller(t).get('/indicators')).body, (await new Caller(t).get(`/indicators?region=${D1}&date=${PAST}`)).body];
    expect(incremental).toEqual(full);
    expect(incremental[0].indicators).toHaveLength(13);
  });
});

describe('property: any events interleaved with requests give the figures of a full count', () => {
  it('holds for random sequences', async () => {
    const villages = [V1, V2, V3, `${D2}0000`, villagesOf(districts[2] as string)[0] as string];
    const days = [TODAY, plusDays(TODAY, -1), PAST, plusDays(TODAY, -90)];
    const residents: { id: string; village: string }[] = [];
    const deeds: { id: string; village: string; type: 'BIRTH' | 'DEATH'; eventDate: string; receivedOn: string }[] = [];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), village: fc.constantFrom(...villages), age: fc.integer({ min: 0, max: 80 }), ago: fc.integer({ min: 0, max: 120 }) }),
      fc.record({ kind: fc.constant('move' as const), who: fc.nat(), village: fc.constantFrom(...villages), ago: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ kind: fc.constant('record' as const), who: fc.nat(), ago: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant('die' as const), who: fc.nat(), ago: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant('deed' as const), village: fc.constantFrom(...villages.filter((v) => !v.endsWith('0000'))), type: fc.constantFrom('BIRTH' as const, 'DEATH' as const), ago: fc.integer({ min: 3, max: 100 }) }),
      fc.record({ kind: fc.constant('issue' as const), which: fc.nat(), after: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('visit' as const), village: fc.constantFrom(...villages.filter((v) => !v.endsWith('0000'))), ago: fc.integer({ min: 0, max: 80 }) }),
      fc.record({ kind: fc.constant('request' as const), day: fc.constantFrom(...days) }),
      fc.record({ kind: fc.constant('replay' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          switch (s.kind) {
            case 'register': {
              const id = uuidv7();
              await register(id, s.village, plusDays(TODAY, -s.age * 365 - 10), plusDays(TODAY, -s.ago));
              residents.push({ id, village: s.village });
              break;
            }
            case 'move': {
              const r = residents[s.who % Math.max(1, residents.length)];
              if (!r) break;
              await apply(SUBJECTS.identity.residentMaritalStatusChanged, { residentId: r.id, from: 'BELUM_KAWIN', to: 'KAWIN_TERCATAT', districtCode: s.village.slice(0, 6), ...(s.village.endsWith('0000') ? {} : { villageCode: s.village }) }, at(plusDays(TODAY, -s.ago)));
              r.village = s.village;
              break;
            }
            case 'record': {
              const r = residents[s.who % Math.max(1, residents.length)];
              if (!r) break;
              await apply(SUBJECTS.identity.ektpStatusChanged, { residentId: r.id, from: 'NOT_RECORDED', to: 'RECORDED', channel: 'OFFICE', action: 'RECORD_BIOMETRICS', districtCode: r.village.slice(0, 6), ...(r.village.endsWith('0000') ? {} : { villageCode: r.village }) }, at(plusDays(TODAY, -s.ago)));
              break;
            }
            case 'die': {
              const r = residents[s.who % Math.max(1, residents.length)];
              if (!r) break;
              const day = plusDays(TODAY, -s.ago);
              await apply(SUBJECTS.identity.residentStatusChanged, { residentId: r.id, from: 'ALIVE', to: 'DECEASED', effectiveDate: day, change: 'DEATH', districtCode: r.village.slice(0, 6), ...(r.village.endsWith('0000') ? {} : { villageCode: r.village }) }, at(TODAY));
              break;
            }
            case 'deed': {
              const id = uuidv7();
              const eventDate = plusDays(TODAY, -s.ago);
              const receivedOn = plusDays(eventDate, 1);
              deeds.push({ id, village: s.village, type: s.type, eventDate, receivedOn });
              await apply(SUBJECTS.deeds.deedStatusChanged, { deedId: id, deedType: s.type, channel: 'OFFICE', eventDate, districtCode: s.village.slice(0, 6), villageCode: s.village, from: null, to: 'SUBMITTED', at: at(receivedOn), notifiedAt: at(receivedOn) }, at(receivedOn));
              break;
            }
            case 'issue': {
              const d = deeds[s.which % Math.max(1, deeds.length)];
              if (!d) break;
              const on = plusDays(d.receivedOn, s.after) > TODAY ? TODAY : plusDays(d.receivedOn, s.after);
              const base = { deedId: d.id, deedType: d.type, channel: 'OFFICE', eventDate: d.eventDate, districtCode: d.village.slice(0, 6), villageCode: d.village, notifiedAt: at(d.receivedOn), registeredAt: at(on), timeliness: 'ON_TIME' };
              await apply(SUBJECTS.deeds.deedStatusChanged, { ...base, from: 'SUBMITTED', to: 'REGISTERED', at: at(on) }, at(on));
              await apply(SUBJECTS.deeds.deedStatusChanged, { ...base, from: 'REGISTERED', to: 'ISSUED', at: at(on), issuedAt: at(on) }, at(on));
              break;
            }
            case 'visit': {
              const date = plusDays(TODAY, -s.ago);
              const planId = uuidv7();
              const done = { EKTP_RECORDING: 2, BIRTH_DEED: 1, KIA: 0, APPLICATION: 3, HANDOVER: 1 };
              await apply(SUBJECTS.outreach.visitCompleted, { visitId: uuidv7(), planId, seriesId: planId, date, teamId: planId, districtCode: s.village.slice(0, 6), villageCode: s.village, planned: done, done, recordedAt: at(date) }, at(date));
              break;
            }
            case 'request':
              await figures.villageCounts(s.day);
              break;
            case 'replay':
              projection.changed();
              break;
          }
        }
        for (const day of days) await expectFresh(day);
      }),
      // Each run leaves its rows: later runs start from a larger, different read model (no reset needed).
      { numRuns: 25, seed: 20261128, endOnFailure: true },
    );
  });
});
