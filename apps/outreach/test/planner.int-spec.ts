// A planner an office would follow (issue 19, item 2), on the machine's PostgreSQL and NATS JetStream: the backlog
// comes from identity events published into the IDENTITY stream (as identity's outbox relay publishes them); then
// - without a team, POST /plans says what to do (PLAN_NO_TEAMS: create a team, POST /teams);
// - with teams like the seeded demo's (three teams of the Mbay office, a recording kit each, every service kind), the
//   plan serves birth deeds and KIA beside e-KTP, in proportion to need;
// - no visit on Christmas (25 December) or New Year's Day, national holidays of the calendar; a visit on a holiday
//   only with the explicit override allowHolidays, recorded on the plan;
// - the projection spends team-days where the need is greatest: the kecamatan furthest behind is not left waiting
//   until the one with the lowest code is done.
import type { JetStreamManager } from 'nats';
import { NATIONAL_HOLIDAYS, DEFAULT_WEIGHTS } from '@adminduk/domain';
import { STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { ensureStream, EventConsumerService, NatsService } from '@adminduk/platform';
import { createDatabase, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { BACKLOG_DURABLES } from '../src/backlog/backlog-events.handler';
import { Caller, envelope, registered, startOutreach, TODAY, villageBacklog, yearsAgo, type Json } from './outreach-fixtures';

let db: { name: string; url: string } | undefined;
let t: TestApp;
let nats: NatsService;
let jsm: JetStreamManager;
let registrar: Caller;
const prefix = uniqueNatsPrefix('planner');

jest.setTimeout(120_000);

// Aesesa (531601, the lowest kecamatan code): 150 wajib KTP, 130 not recorded (13% recorded), 20 children without a
// birth deed or a KIA. Boawae (531603): 30 wajib KTP, none recorded (0%), 10 such children.
const AESESA = '5316011001';
const BOAWAE = '5316031001';

// The Christmas weeks: the Monday before the next 25 December we can still plan for, three weeks of Wednesdays and
// Fridays (in 2026: 23 and 25 December, 30 December, 1 January, 6 and 8 January).
const year = TODAY <= `${TODAY.slice(0, 4)}-12-21` ? Number(TODAY.slice(0, 4)) : Number(TODAY.slice(0, 4)) + 1;
const CHRISTMAS = `${year}-12-25`;
const NEW_YEAR = `${year + 1}-01-01`;
const START = `${year}-12-21`;
const national = new Set(NATIONAL_HOLIDAYS.years.flatMap((y) => y.days.map((d) => d.date)));

async function publish(subject: EventSubject, payload: object): Promise<number> {
  const e = envelope(subject, payload);
  const ack = await (await nats.jetstream()).publish(nats.subject(subject), new TextEncoder().encode(JSON.stringify(e)), { msgID: e.id });
  return ack.seq;
}

beforeAll(async () => {
  db = await createDatabase('planner');
  t = await startOutreach({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  nats = t.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await t.app.get(EventConsumerService).ready();
  registrar = new Caller(t, ['registrar'], ['5316']);

  let last = 0;
  const people = (village: string, n: number, p: object) => Array.from({ length: n }, () => registered({ origin: 'IMPORT', districtCode: village.slice(0, 6), villageCode: village, birthDate: yearsAgo(30), ...p }));
  const child = { birthDate: yearsAgo(4), ektpState: 'NOT_YET_COMPULSORY', kiaState: 'NOT_ISSUED', hasBirthDeed: false } as const;
  for (const p of [
    ...people(AESESA, 130, { ektpState: 'NOT_RECORDED' }),
    ...people(AESESA, 20, { ektpState: 'RECORDED' }),
    ...people(AESESA, 20, child),
    ...people(BOAWAE, 30, { ektpState: 'NOT_RECORDED' }),
    ...people(BOAWAE, 10, child),
  ]) {
    last = await publish(SUBJECTS.identity.residentRegistered, p);
  }
  await waitFor(async () => (await jsm.consumers.info(nats.streamName(STREAMS.identity.name), BACKLOG_DURABLES.residentRegistered)).ack_floor.stream_seq >= last, 'the registrations to settle', 90_000);
  expect((await villageBacklog(registrar, AESESA)).backlog).toMatchObject({ EKTP_RECORDING: 130, BIRTH_DEED: 20, KIA: 20 });
  expect((await villageBacklog(registrar, BOAWAE)).backlog).toMatchObject({ EKTP_RECORDING: 30, BIRTH_DEED: 10, KIA: 10 });
  // Beyond the library's calendar, the office enters the days itself (POST /calendar/days) — not needed for 2026.
  for (const [date, name] of [[CHRISTMAS, 'Kelahiran Yesus Kristus'], [NEW_YEAR, 'Tahun Baru Masehi']] as const) {
    if (!national.has(date)) expect((await registrar.call('POST', '/calendar/days', { date, kind: 'HOLIDAY', name })).status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 30_000);

describe('planning without set-up', () => {
  it('without a team, POST /plans says what to do: create a team (POST /teams)', async () => {
    const res = await registrar.call('POST', '/plans', { weeks: 3, startDate: START });
    expect([res.status, res.body.code]).toEqual([422, 'PLAN_NO_TEAMS']);
    expect(res.body.detail).toContain('POST /teams');
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'PLAN_NO_TEAMS', field: 'teams' })]);
  });

  it('with the demo-like teams, serves birth deeds and KIA beside e-KTP, in proportion to need', async () => {
    for (const n of [1, 2, 3]) {
      const team = { name: `Tim Jemput Bola ${n} (Mbay)`, staffCount: 4, equipment: ['EKTP_RECORDING_KIT', 'LAPTOP', 'PRINTER', 'GENERATOR', 'VEHICLE'], services: ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'], capacity: { EKTP_RECORDING: 60 } };
      expect((await registrar.call('POST', '/teams', team)).status).toBe(201);
    }
    const res = await registrar.call('POST', '/plans', { weeks: 3, startDate: START });
    expect(res.status).toBe(201);
    const plan = res.body;
    const share = (k: 'EKTP_RECORDING' | 'BIRTH_DEED' | 'KIA') => plan.served[k] / plan.backlog[k];
    expect(plan.backlog).toMatchObject({ EKTP_RECORDING: 160, BIRTH_DEED: 30, KIA: 30 });
    for (const k of ['BIRTH_DEED', 'KIA'] as const) {
      expect(plan.served[k]).toBeGreaterThan(0);
      expect(share(k)).toBeGreaterThanOrEqual(0.5 * (DEFAULT_WEIGHTS[k] / DEFAULT_WEIGHTS.EKTP_RECORDING) * share('EKTP_RECORDING'));
    }
    // The first visit to each village already serves every kind waiting there: no day spent on e-KTP alone.
    for (const village of [AESESA, BOAWAE]) {
      const first = plan.visits.find((v: Json) => v.villageCode === village);
      expect(first).toBeDefined();
      expect(first.planned.EKTP_RECORDING).toBeGreaterThan(0);
      expect(first.planned.BIRTH_DEED).toBeGreaterThan(0);
      expect(first.planned.KIA).toBeGreaterThan(0);
    }
  });
});

describe('national holidays and cuti bersama', () => {
  it('no visit on 25 December or 1 January: the plan lists them as skipped holidays, with their names', async () => {
    const res = await registrar.call('POST', '/plans', { weeks: 3, startDate: START });
    expect(res.status).toBe(201);
    const dates = res.body.visits.map((v: Json) => v.date);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates).not.toContain(CHRISTMAS);
    expect(dates).not.toContain(NEW_YEAR);
    const skipped = res.body.skippedDates.filter((d: Json) => d.reason === 'HOLIDAY').map((d: Json) => d.date);
    expect(skipped).toEqual(expect.arrayContaining([CHRISTMAS, NEW_YEAR]));
    if (year === 2026) {
      expect(res.body.skippedDates).toEqual([
        { date: '2026-12-25', reason: 'HOLIDAY', name: 'Kelahiran Yesus Kristus' },
        { date: '2027-01-01', reason: 'HOLIDAY', name: 'Tahun Baru 2027 Masehi' },
      ]);
      // 2027's joint decree is not in the calendar: the plan says so.
      expect(res.body.warnings.map((w: Json) => w.code)).toContain('PLAN_HOLIDAYS_INCOMPLETE');
    }
    expect(res.body.allowedHolidays).toEqual([]);
  });

  it('a visit on a holiday only with the explicit override, which the plan records', async () => {
    const res = await registrar.call('POST', '/plans', { weeks: 3, startDate: START, allowHolidays: [CHRISTMAS] });
    expect(res.status).toBe(201);
    const dates = res.body.visits.map((v: Json) => v.date);
    expect(dates).toContain(CHRISTMAS);
    expect(dates).not.toContain(NEW_YEAR);
    expect(res.body.allowedHolidays).toEqual([{ date: CHRISTMAS, name: expect.any(String) }]);
    const stored = await registrar.call('GET', `/plans/${res.body.id}`);
    expect(stored.body.allowedHolidays).toEqual(res.body.allowedHolidays);

    const notHoliday = await registrar.call('POST', '/plans', { weeks: 3, startDate: START, allowHolidays: [`${year}-12-23`] });
    expect([notHoliday.status, notHoliday.body.code, notHoliday.body.errors]).toEqual([422, 'PLAN_INPUT_REFUSED', [expect.objectContaining({ code: 'PLAN_ALLOW_HOLIDAY_INVALID', field: 'allowHolidays[0]' })]]);
  });
});

describe('the holiday calendar the planner keeps clear', () => {
  it('GET /calendar/holidays: the decree\'s days with their source, and the office\'s own days extending it', async () => {
    const res = await registrar.call('GET', `/calendar/holidays?from=${year}-12-20&to=${year + 1}-01-10`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: Json) => d.date)).toEqual(expect.arrayContaining([CHRISTMAS, NEW_YEAR]));
    if (year === 2026) {
      expect(res.body.items).toEqual([
        { date: '2026-12-24', kind: 'CUTI_BERSAMA', name: 'Cuti Bersama Kelahiran Yesus Kristus' },
        { date: '2026-12-25', kind: 'LIBUR_NASIONAL', name: 'Kelahiran Yesus Kristus' },
        { date: '2027-01-01', kind: 'LIBUR_NASIONAL', name: 'Tahun Baru 2027 Masehi' },
      ]);
      expect(res.body.years.map((y: Json) => [y.year, y.complete])).toEqual([[2026, true], [2027, false]]);
      expect(res.body.years[0].source).toContain('Nomor 1497 Tahun 2025');
    }
    // The office enters a day of the next decree (here a Wednesday of the plan): it is a holiday like the others.
    const wednesday = `${year + 1}-01-06`;
    expect((await registrar.call('POST', '/calendar/days', { date: wednesday, kind: 'HOLIDAY', name: 'Libur kantor uji' })).status).toBe(201);
    const after = await registrar.call('GET', `/calendar/holidays?from=${wednesday}&to=${wednesday}`);
    expect(after.body.items).toEqual([{ date: wednesday, kind: 'OFFICE', name: 'Libur kantor uji' }]);
    const plan = await registrar.call('POST', '/plans', { weeks: 3, startDate: START });
    expect(plan.body.visits.map((v: Json) => v.date)).not.toContain(wednesday);
    expect(plan.body.skippedDates).toContainEqual({ date: wednesday, reason: 'HOLIDAY', name: 'Libur kantor uji' });
    expect((await registrar.call('DELETE', `/calendar/days/${wednesday}`)).status).toBe(204);
  });
});

describe('the projection orders work by need', () => {
  it('Boawae, furthest behind, is not left waiting until Aesesa (lower code, nearer the target) is done', async () => {
    const res = await registrar.call('GET', '/projection?teamDaysPerWeek=1&target=50');
    expect(res.status).toBe(200);
    const district = (code: string) => res.body.districts.find((d: Json) => d.code === code);
    const aesesa = district('531601');
    const boawae = district('531603');
    expect([aesesa.start.percent, boawae.start.percent]).toEqual([13.33, 0]);
    // In code order Aesesa's 130 would be recorded first (50% in week 1) and Boawae would wait (50% in week 3).
    expect(boawae.target.week).toBeLessThanOrEqual(aesesa.target.week);
  });
});
