// The e-KTP projection "at the current pace" on PostgreSQL (integration tier, a throw-away database; the events
// applied as the consumers apply them). An office that imported its register three days ago, most of it already
// recorded, and has made a few dated recordings since: the import is the baseline, not eight weeks of work. The
// indicator's value is the date of the domain library's ektpTargetDate, or null with the reason.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { ProjectionEventsService, type ProjectedSubject } from '../src/projections/projection-events.service';
import { at, Caller, envelope, plusDays, startReporting, TODAY, type Json } from './reporting-fixtures';

jest.setTimeout(180_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let em: EntityManager;
let serial = 0;

const DATED = '5316011001'; // Aesesa: an old import, recordings dated since
const UNDATED = '5316021001'; // only a fresh import: nothing dated
const IMPORTED_DATED = '5316031001'; // a fresh import whose register gave recording dates (ektp_recorded_on)

async function apply(subject: EventSubject, payload: object, day: string): Promise<void> {
  const projection = t.app.get(ProjectionEventsService);
  const event = envelope(subject, payload, at(day));
  await em.fork().transactional((tx) => projection.apply(tx, subject as ProjectedSubject, event as never));
}

async function resident(villageCode: string, importedOn: string, ektpState: string, birthDate = '1980-06-15', ektpRecordedOn?: string): Promise<string> {
  const residentId = uuidv7();
  const nik = `5316011506${String(8000 + serial++).padStart(6, '0')}`;
  await apply(
    SUBJECTS.identity.residentRegistered,
    { residentId, nik, birthDate, sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ektpState, kiaState: 'NOT_ISSUED', hasBirthDeed: true, ...(ektpRecordedOn ? { ektpRecordedOn } : {}), districtCode: villageCode.slice(0, 6), villageCode },
    importedOn,
  );
  return residentId;
}

async function record(residentId: string, villageCode: string, day: string): Promise<void> {
  await apply(SUBJECTS.identity.ektpStatusChanged, { residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: 'OFFICE', action: 'RECORD_BIOMETRICS', districtCode: villageCode.slice(0, 6), villageCode }, day);
}

/** Born 17 years before `day`: becomes wajib KTP on it (29 February moved to the 28th to keep it simple). */
const turning17On = (day: string) => `${Number(day.slice(0, 4)) - 17}${day.slice(4).replace('-02-29', '-02-28')}`;

beforeAll(async () => {
  db = await createDatabase('reportingektp');
  t = await startReporting({ DATABASE_URL: db.url });
  em = t.app.get(MikroORM).em.fork();
  const old = plusDays(TODAY, -200);
  const fresh = plusDays(TODAY, -3);
  // 100 imported 200 days ago without e-KTP: 40 recorded in the last 8 weeks, 5 before them.
  for (let i = 0; i < 100; i++) {
    const id = await resident(DATED, old, 'NOT_RECORDED');
    if (i < 40) await record(id, DATED, plusDays(TODAY, -(i % 55)));
    else if (i < 45) await record(id, DATED, plusDays(TODAY, -70));
  }
  // 900 imported three days ago, already recorded by the older system: no recording date.
  for (let i = 0; i < 900; i++) await resident(DATED, fresh, 'PRINTED');
  // 26 turning 17 in the coming half year: half a new wajib KTP a week.
  for (let k = 1; k <= 26; k++) await resident(DATED, old, 'NOT_YET_COMPULSORY', turning17On(plusDays(TODAY, 7 * k)));
  // Another kecamatan: only a fresh import, 30 recorded and 20 not.
  for (let i = 0; i < 50; i++) await resident(UNDATED, fresh, i < 30 ? 'PRINTED' : 'NOT_RECORDED');
  // A third, imported three days ago with the register's recording dates: 20 recorded in the last 8 weeks, 10 in
  // 2015, 10 recorded without a date, 10 not recorded.
  for (let i = 0; i < 50; i++) {
    const recordedOn = i < 20 ? plusDays(TODAY, -(5 + 2 * i)) : i < 30 ? '2015-05-20' : undefined;
    await resident(IMPORTED_DATED, fresh, i < 40 ? 'PRINTED' : 'NOT_RECORDED', '1980-06-15', recordedOn);
  }
}, 170_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

const projectionOf = async (region: string): Promise<Json> => {
  const res = await new Caller(t, ['analyst'], ['5316']).get(`/indicators?region=${region}`);
  expect(res.status).toBe(200);
  return res.body.indicators.find((i: Json) => i.id === 'EKTP_PROJECTION');
};

it('reads the pace from dated recordings only: the import of 900 recorded three days ago is baseline, and the value is the date', async () => {
  const p = await projectionOf('531601');
  // 1,000 wajib KTP, 945 recorded; 40 dated recordings in 8 weeks = 5 a week; 0.5 new wajib KTP a week.
  // (945 + 5w) × 10,000 ≥ 9,940 × (1,000 + 0.5w) ⇔ w ≥ 490,000 ÷ 45,030 = 10.9 → week 11, ending 76 days from today.
  expect({ unit: p.unit, total: p.total, recorded: p.parts.find((x: Json) => x.key === 'RECORDED').count }).toEqual({ unit: 'DATE', total: 1000, recorded: 945 });
  expect(p.details).toMatchObject({ datedRecordings: 40, recordingsPerWeek: 5, newWajibKtpNextYear: 26, newWajibKtpPerWeek: 0.5, weeksToTarget: 11, reason: null });
  expect([p.value, p.date]).toEqual([plusDays(TODAY, 76), plusDays(TODAY, 76)]);
  expect(p.definition).toContain('ektpTargetDate');
});

it('says it cannot tell, with the reason, where nothing is dated; the regency adds both up', async () => {
  const p = await projectionOf('531602');
  expect([p.value, p.date, p.details.reason, p.details.datedRecordings]).toEqual([null, null, 'NO_DATED_HISTORY', 0]);
  const regency = await projectionOf('5316');
  // 1,100 wajib KTP, 1,015 recorded, 40 + 20 dated in 8 weeks = 7.5 a week:
  // (1,015 + 7.5w) × 10,000 ≥ 9,940 × (1,100 + 0.5w) ⇔ w ≥ 784,000 ÷ 70,030 = 11.2 → 12, ending 83 days from today.
  expect([regency.details.datedRecordings, regency.details.weeksToTarget, regency.value]).toEqual([60, 12, plusDays(TODAY, 83)]);
});

it('counts the recording dates an import carried (ektpRecordedOn) as pace; a date before the window and no date are not', async () => {
  const p = await projectionOf('531603');
  // 50 wajib KTP, 40 recorded; 20 dated in 8 weeks = 2.5 a week: (40 + 2.5w) × 10,000 ≥ 9,940 × 50 ⇔ w ≥ 3.9 → 4.
  expect(p.details).toMatchObject({ datedRecordings: 20, recordingsPerWeek: 2.5, weeksToTarget: 4, reason: null });
  expect(p.value).toBe(plusDays(TODAY, 27));
});

it('ranks kecamatan by the date, the one that cannot say last; a series point is the figure of its day', async () => {
  const ranking = await new Caller(t, ['analyst'], ['5316']).get('/indicators/EKTP_PROJECTION/ranking?region=5316');
  expect(ranking.status).toBe(200);
  const rows = ranking.body.rows.filter((r: Json) => ['531601', '531602'].includes(r.code));
  expect(rows.map((r: Json) => [r.code, r.value])).toEqual([
    ['531601', plusDays(TODAY, 76)],
    ['531602', null],
  ]);
  const series = await new Caller(t, ['analyst'], ['5316']).get(`/indicators/EKTP_PROJECTION/series?region=531601&from=${plusDays(TODAY, -1)}&to=${TODAY}`);
  expect(series.status).toBe(200);
  expect(series.body.points.at(-1)).toMatchObject({ date: TODAY, value: plusDays(TODAY, 76) });
});
