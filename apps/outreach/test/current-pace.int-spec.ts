// Issue 19, item 1: one e-KTP projection. The outreach and reporting services, each on its own throw-away PostgreSQL
// database, both on the machine's NATS JetStream under one run-unique prefix, are fed the same identity events:
// 300 residents imported three days ago already recorded (no recording date), 60 imported long ago without e-KTP of
// whom 24 were recorded in the last 8 weeks and 6 before, 13 turning 17 in the coming half year. Both answer the
// same day at the current pace (ektpTargetDate of the domain library): the import is baseline, not pace.
import { join, resolve } from 'node:path';
import type { JetStreamManager } from 'nats';
import { STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { ensureStream, EventConsumerService, NatsService, uuidv7, type ServiceDefinition } from '@adminduk/platform';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { Caller, ektp, envelope, plusDays, registered, startOutreach, TODAY, type Json } from './outreach-fixtures';

jest.setTimeout(300_000);

const prefix = uniqueNatsPrefix('pace');
const dbs: { name: string; url: string }[] = [];
let outreach: TestApp;
let reporting: TestApp;
let nats: NatsService;
let jsm: JetStreamManager;

/** The reporting service's definition, loaded by path (apps have no import alias; as tools/e2e does). */
async function reportingDefinition(): Promise<ServiceDefinition> {
  const module = (await import(join(resolve(__dirname, '..', '..'), 'reporting', 'src', 'reporting.module.ts'))) as Record<string, ServiceDefinition | undefined>;
  const definition = module.REPORTING_SERVICE;
  if (!definition) throw new Error('apps/reporting/src/reporting.module.ts exports no REPORTING_SERVICE');
  return definition;
}

const atOffice = (day: string) => `${day}T10:00:00.000+08:00`;
const turning17On = (day: string) => `${Number(day.slice(0, 4)) - 17}${day.slice(4).replace('-02-29', '-02-28')}`;

async function publish(subject: EventSubject, payload: object, day: string): Promise<void> {
  const e = envelope(subject, payload, { occurredAt: atOffice(day) });
  await (await nats.jetstream()).publish(nats.subject(subject), new TextEncoder().encode(JSON.stringify(e)), { msgID: e.id });
}

beforeAll(async () => {
  for (const name of ['paceoutreach', 'pacereporting']) dbs.push(await createDatabase(name));
  const env = (i: number) => ({ DATABASE_URL: (dbs[i] as { url: string }).url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  outreach = await startOutreach(env(0));
  const definition = await reportingDefinition();
  reporting = await createTestApp(definition.name, definition.module, definition.openApi, env(1));
  nats = outreach.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await outreach.app.get(EventConsumerService).ready(60_000);
  await reporting.app.get(EventConsumerService).ready(60_000);
  const registrar = new Caller(outreach, ['registrar'], ['5316']);
  // A team, so that the capacity's line can be drawn beside the pace's.
  const team = { name: 'Tim Aesesa', staffCount: 4, equipment: ['EKTP_RECORDING_KIT'], services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: 60 } };
  expect((await registrar.call('POST', '/teams', team)).status).toBe(201);

  const place = (i: number) => (i % 2 === 0 ? { districtCode: '531601', villageCode: '5316011001' } : { districtCode: '531604', villageCode: '5316042002' });
  const longAgo = plusDays(TODAY, -200);
  const threeDaysAgo = plusDays(TODAY, -3);
  for (let i = 0; i < 60; i++) {
    const residentId = uuidv7();
    await publish(SUBJECTS.identity.residentRegistered, registered({ residentId, birthDate: '1980-06-15', origin: 'IMPORT', ektpState: 'NOT_RECORDED', ...place(i) }), longAgo);
    if (i < 24) await publish(SUBJECTS.identity.ektpStatusChanged, ektp(residentId, 'NOT_RECORDED', 'RECORDED', { action: 'RECORD_BIOMETRICS', ...place(i) }), plusDays(TODAY, -2 * i));
    else if (i < 30) await publish(SUBJECTS.identity.ektpStatusChanged, ektp(residentId, 'NOT_RECORDED', 'RECORDED', { action: 'RECORD_BIOMETRICS', ...place(i) }), plusDays(TODAY, -70));
  }
  for (let i = 0; i < 300; i++) {
    await publish(SUBJECTS.identity.residentRegistered, registered({ residentId: uuidv7(), birthDate: '1975-03-02', origin: 'IMPORT', ektpState: 'PRINTED', ...place(i) }), threeDaysAgo);
  }
  // 24 more imported three days ago already recorded, with the older register's recording dates (ektp_recorded_on):
  // 16 in the last 8 weeks (pace), 8 in 2015 (history, before the window).
  for (let i = 0; i < 24; i++) {
    const ektpRecordedOn = i < 16 ? plusDays(TODAY, -(4 + 3 * i)) : '2015-05-20';
    await publish(SUBJECTS.identity.residentRegistered, registered({ residentId: uuidv7(), birthDate: '1978-09-09', origin: 'IMPORT', ektpState: 'ISSUED', ektpRecordedOn, ...place(i) }), threeDaysAgo);
  }
  for (let k = 1; k <= 13; k++) {
    await publish(SUBJECTS.identity.residentRegistered, registered({ residentId: uuidv7(), birthDate: turning17On(plusDays(TODAY, 7 * k)), origin: 'IMPORT', ektpState: 'NOT_YET_COMPULSORY', ...place(k) }), longAgo);
  }
}, 240_000);

afterAll(async () => {
  await outreach?.close();
  await reporting?.close();
  await deletePrefixedStreams(prefix);
  for (const db of dbs) await dropDatabase(db.name);
}, 60_000);

async function reportingPace(): Promise<Json> {
  const res = await reporting.app.inject({ method: 'GET', url: '/indicators?region=5316' });
  return (res.json() as Json).indicators.find((i: Json) => i.id === 'EKTP_PROJECTION');
}

async function outreachPace(): Promise<Json> {
  const res = await new Caller(outreach, ['registrar'], ['5316']).call('GET', '/projection');
  expect(res.status).toBe(200);
  return res.body.currentPace;
}

it('both services answer the same day at the current pace: the undated import of 300 is not pace, the dated import is', async () => {
  // Every event taken by both: 384 wajib KTP, 354 recorded, 24 + 16 recordings dated in the 8 weeks.
  await waitFor(async () => {
    const [r, o] = [await reportingPace(), await outreachPace()];
    return r.total === 384 && r.details.datedRecordings === 40 && r.parts[0].count === 354 && r.details.newWajibKtpNextYear === 13 && o?.wajibKtp === 384 && o.recorded === 354 && o.datedRecordings === 40 && o.newWajibKtpNextYear === 13;
  }, 'both read models to take every event', 200_000, 500);
  const [r, o] = [await reportingPace(), await outreachPace()];
  // 40 in 8 weeks = 5 a week, 0.25 new wajib KTP a week: (354 + 5w) × 10,000 ≥ 9,940 × (384 + 0.25w)
  // ⇔ w ≥ 276,960 ÷ 47,515 = 5.8 → week 6, ending 41 days from today. The undated import counted as pace would say
  // week 1; the dated import left out would say week 11.
  expect(o).toMatchObject({ method: 'CURRENT_PACE', date: plusDays(TODAY, 41), week: 6, reason: null, recordingsPerWeek: 5, newWajibKtpPerWeek: 0.25 });
  expect([r.unit, r.value, r.details.weeksToTarget, r.details.recordingsPerWeek]).toEqual(['DATE', plusDays(TODAY, 41), 6, 5]);
  expect(o.date).toBe(r.value);
});
