// Every instant outreach writes is in one form (issue 19 item 9): RFC 3339 at the office's offset with
// milliseconds, '2026-11-27T09:30:00.123+08:00' in Nagekeo (UTC_OFFSET +08:00), on the machine's PostgreSQL and
// NATS JetStream. A plan made and published (createdAt, publishedAt), a visit today with its outcome and a record
// the register holds with the visit's id (linkedAt), the plans list — and the events it published
// (outreach.plan.published.v1, outreach.visit.completed.v1), envelope and payload alike. Dates stay YYYY-MM-DD.
import type { JetStreamManager } from 'nats';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxStats } from '@adminduk/platform';
import { createDatabase, dateTimesIn, deletePrefixedStreams, dropDatabase, instantsNotInForm, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { Caller, deliver, ektp, onHoliday, registered, startOutreach, TODAY, yearsAgo } from './outreach-fixtures';

let db: { name: string; url: string } | undefined;
let t: TestApp;
let jsm: JetStreamManager;
let registrar: Caller;
let operator: Caller;
const prefix = uniqueNatsPrefix('instants');
const DHAWE = '5316011001';

jest.setTimeout(120_000);

beforeAll(async () => {
  db = await createDatabase('outreachinstants');
  t = await startOutreach({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  jsm = await t.app.get(NatsService).jetstreamManager();
  registrar = new Caller(t, ['registrar'], ['5316']);
  operator = new Caller(t, ['operator'], ['5316']);
  const team = await registrar.call('POST', '/teams', { name: 'Tim Waktu', staffCount: 4, equipment: ['EKTP_RECORDING_KIT', 'LAPTOP'], services: ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'], capacity: { EKTP_RECORDING: 60 } });
  expect(team.status).toBe(201);
  for (let i = 0; i < 30; i++) await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(25), districtCode: DHAWE.slice(0, 6), villageCode: DHAWE }));
  // Every weekday a service day, so that a plan from today has a visit today whatever the day.
  const settings = (await registrar.call('GET', '/calendar/settings')).body;
  await registrar.call('PUT', '/calendar/settings', { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 30_000);

/** Every date-time in `json` is at +08:00 with milliseconds, and there are at least `atLeast` of them. */
function expectOfficeInstants(json: unknown, atLeast: number): void {
  expect(instantsNotInForm(json)).toEqual([]);
  expect(dateTimesIn(json).length).toBeGreaterThanOrEqual(atLeast);
}

describe('instants in one form: RFC 3339 at the office offset (+08:00) with milliseconds', () => {
  it('a plan, a visit with its outcome and a linked record, the plans list, and the events published', async () => {
    const draft = (await registrar.call('POST', '/plans', { weeks: 1, startDate: TODAY, ...onHoliday(TODAY) })).body;
    expectOfficeInstants(draft, 1);
    const published = await registrar.call('POST', `/plans/${draft.id}/publish`);
    expect(published.status).toBe(200);
    expectOfficeInstants(published.body, 2);
    expect(String(published.body.publishedAt).slice(0, 10)).toBe(TODAY);

    const visit = (published.body.visits as { id: string; date: string; villageCode: string }[]).find((v) => v.date === TODAY);
    if (!visit) throw new Error('no visit today');
    expect((await operator.call('POST', `/plans/${draft.id}/visits/${visit.id}/outcome`, { EKTP_RECORDING: 1 })).status).toBe(200);
    const where = { districtCode: visit.villageCode.slice(0, 6), villageCode: visit.villageCode };
    const r = registered({ birthDate: yearsAgo(30), ...where });
    await deliver(t, SUBJECTS.identity.residentRegistered, r);
    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(r.residentId, 'NOT_RECORDED', 'RECORDED', { channel: 'OUTREACH', visitId: visit.id, action: 'RECORD_BIOMETRICS', ...where }));
    const detail = (await operator.call('GET', `/plans/${draft.id}/visits/${visit.id}`)).body;
    expect(detail.links).toHaveLength(1);
    expectOfficeInstants(detail, 1);
    expectOfficeInstants((await operator.call('GET', `/plans/${draft.id}`)).body, 2);
    expectOfficeInstants((await operator.call('GET', '/plans')).body, 2);

    await waitFor(async () => (await t.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');
    const stream = t.app.get(NatsService).streamName(STREAMS.outreach.name);
    for (const subject of [SUBJECTS.outreach.planPublished, SUBJECTS.outreach.visitCompleted]) {
      const message = await jsm.streams.getMessage(stream, { last_by_subj: `${prefix}.${subject}` });
      const envelope = JSON.parse(new TextDecoder().decode(message.data)) as { occurredAt: string; payload: object };
      // occurredAt, and publishedAt / recordedAt in the payload
      expectOfficeInstants(envelope, 2);
    }
  });
});
