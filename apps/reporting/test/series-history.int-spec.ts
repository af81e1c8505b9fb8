// The history of a series on PostgreSQL (integration tier, a throw-away database; the events applied as the
// consumers apply them). A register imported three days ago: where the import said since when (registered_on,
// ektp_recorded_on) the trend has a past; where it did not, the series says from which day it knows (historyFrom)
// and gives no value before it instead of a figure that would only show the missing dates.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { ProjectionEventsService, type ProjectedSubject } from '../src/projections/projection-events.service';
import { at, Caller, envelope, plusDays, TODAY, startReporting, type Json } from './reporting-fixtures';

jest.setTimeout(120_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let em: EntityManager;
let serial = 0;

const DATED = '5316011001'; // the register said since when: entered 2010, recordings dated
const UNDATED = '5316021001'; // the register said nothing of dates
const IMPORTED = plusDays(TODAY, -3);

async function imported(villageCode: string, extra: object): Promise<void> {
  const projection = t.app.get(ProjectionEventsService);
  const subject = SUBJECTS.identity.residentRegistered as EventSubject;
  const payload = { residentId: uuidv7(), nik: `5316011506${String(8000 + serial++).padStart(6, '0')}`, birthDate: '1980-06-15', sex: 'M', maritalStatus: 'KAWIN_TERCATAT', origin: 'IMPORT', kiaState: 'NOT_ISSUED', districtCode: villageCode.slice(0, 6), villageCode, ...extra };
  await em.fork().transactional((tx) => projection.apply(tx, subject as ProjectedSubject, envelope(subject, payload, at(IMPORTED)) as never));
}

beforeAll(async () => {
  db = await createDatabase('reportinghistory');
  t = await startReporting({ DATABASE_URL: db.url });
  em = t.app.get(MikroORM).em.fork();
  // Aesesa: 10 recorded in 2015 and 10 not, all in the register since 2010, with birth deeds (undated: an import
  // says a deed exists, not since when).
  for (let i = 0; i < 20; i++) await imported(DATED, { registeredOn: '2010-01-04', hasBirthDeed: true, ...(i < 10 ? { ektpState: 'ISSUED', ektpRecordedOn: '2015-05-20' } : { ektpState: 'NOT_RECORDED' }) });
  // Nangaroro: 10 recorded without a date, 10 not, no day of entry.
  for (let i = 0; i < 20; i++) await imported(UNDATED, { ektpState: i < 10 ? 'PRINTED' : 'NOT_RECORDED' });
}, 110_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

async function series(indicator: string, region: string, from: string): Promise<Json> {
  const res = await new Caller(t, ['analyst'], ['5316']).get(`/indicators/${indicator}/series?region=${region}&from=${from}&to=${TODAY}`);
  expect(res.status).toBe(200);
  return res.body;
}

it('shows the e-KTP trend before the import where the register dated entries and recordings', async () => {
  const s = await series('EKTP_RECORDING', '531601', plusDays(TODAY, -30));
  expect(s.historyFrom).toBeNull();
  expect(s.points).toHaveLength(31);
  // A month before the import: the same 20 wajib KTP, 10 recorded (in 2015).
  expect(s.points[0]).toMatchObject({ date: plusDays(TODAY, -30), value: 50, total: 20 });
  expect(s.points[0]).not.toHaveProperty('known');
  expect(s.points.at(-1)).toMatchObject({ date: TODAY, value: 50, total: 20 });
});

it('says from which day it knows where the import left dates out, and gives no value before it', async () => {
  const undated = await series('EKTP_RECORDING', '531602', plusDays(TODAY, -5));
  expect(undated.historyFrom).toBe(IMPORTED);
  expect(undated.points.slice(0, 2)).toEqual([
    { date: plusDays(TODAY, -5), value: null, total: 0, known: false },
    { date: plusDays(TODAY, -4), value: null, total: 0, known: false },
  ]);
  expect(undated.points[2]).toMatchObject({ date: IMPORTED, value: 50, total: 20 });
  // Birth deeds: the import said the deeds exist, not since when.
  const deeds = await series('BIRTH_DEED_0_18', '531601', plusDays(TODAY, -5));
  expect([deeds.historyFrom, deeds.points[0].known, deeds.points[2].known]).toEqual([IMPORTED, false, undefined]);
  // The regency: the latest undated day of its kecamatan.
  expect((await series('EKTP_RECORDING', '5316', plusDays(TODAY, -5))).historyFrom).toBe(IMPORTED);
  // Deeds and visits come from live events: always dated.
  expect((await series('BLAS', '5316', plusDays(TODAY, -5))).historyFrom).toBeNull();
});
