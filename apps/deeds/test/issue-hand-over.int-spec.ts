// Where a kutipan is handed over (integration tier: the machine's PostgreSQL and NATS JetStream). POST
// /deeds/{id}/issue takes an optional channel and visitId: an outreach team hands the kutipan over on a village
// visit, and deeds.deed.status-changed.v1 carries that step's place (stepChannel, stepVisitId) beside the record's
// own channel and visit, so that the outreach service can link the hand-over to the visit. Bad input is a 400
// problem with nothing written; callers who may not issue are refused; the history shows where each kutipan went.
import { MikroORM } from '@mikro-orm/core';
import { DeedStatusChanged, STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxEvent, OutboxStats, uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { DeedActionRecord } from '../src/cases/deed-action.entity';
import { DeedCopy } from '../src/copies/deed-copy.entity';
import { bootDeeds, Caller, completeAndVerify, DEATH_DOCUMENTS, deathReport, nik, PARTNERS, verifiedDeath, type Reply } from './deed-fixtures';
import { deleteStream, streamMessages } from './fake-identity';

jest.setTimeout(60_000);

let db: { name: string; url: string };
let deeds: TestApp;
let operator: Caller;
let registrar: Caller;

beforeAll(async () => {
  db = await createDatabase('deedsissue');
  deeds = await bootDeeds({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: uniqueNatsPrefix('deeds-issue') });
  await deeds.app.get(NatsService).ready();
  operator = await Caller.user(deeds, ['operator'], ['531601'], 'op-aesesa');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
}, 120_000);

afterAll(async () => {
  await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
  await deeds?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

/** A death reported by an RT head (channel PARTNER), verified and registered: ready for its kutipan. */
async function registeredDeath(): Promise<Reply> {
  const verified = await verifiedDeath(deeds, operator);
  return registrar.ok(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
}

async function counts(): Promise<Record<string, number>> {
  const em = deeds.app.get(MikroORM).em.fork();
  return { actions: await em.count(DeedActionRecord, {}), events: await em.count(OutboxEvent, {}), copies: await em.count(DeedCopy, {}) };
}

const relayed = () => waitFor(async () => (await deeds.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');

/** The record's status-changed events in the DEEDS stream, in order. */
async function statusEvents(deedId: string): Promise<Record<string, unknown>[]> {
  await relayed();
  return (await streamMessages(deeds.app.get(NatsService), STREAMS.deeds.name))
    .filter((m) => m.subject === SUBJECTS.deeds.deedStatusChanged && m.envelope.payload.deedId === deedId)
    .map((m) => m.envelope.payload);
}

const VISIT = '0190b5b4-1111-7000-8000-00000000aa01';

describe('POST /deeds/{id}/issue with where the kutipan is handed over', () => {
  let registered: Reply;
  beforeAll(async () => {
    registered = await registeredDeath();
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ['a visit without a channel', { visitId: VISIT }, 'visitId', 'FIELD_NOT_FOR_CHANNEL'],
    ['a visit with the OFFICE channel', { channel: 'OFFICE', visitId: VISIT }, 'visitId', 'FIELD_NOT_FOR_CHANNEL'],
    ['a visit with the ONLINE channel', { channel: 'ONLINE', visitId: VISIT }, 'visitId', 'FIELD_NOT_FOR_CHANNEL'],
    ['an outreach hand-over that does not name the visit', { channel: 'OUTREACH' }, 'visitId', 'VISIT_REQUIRED'],
    ['a channel a kutipan is not handed over by', { channel: 'PARTNER' }, 'channel', ''],
    ['a visit id that is not a UUID', { channel: 'OUTREACH', visitId: 'kunjungan-12' }, 'visitId', ''],
  ];
  it.each(bad)('%s: 400 problem+json, nothing written', async (_what, body, field, itemCode) => {
    const before = await counts();
    const res = await operator.post(`/deeds/${registered.body.id}/issue`, { version: registered.body.version, ...body });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.contentType).toContain('application/problem+json');
    const items = res.body.errors as { field: string; code: string }[];
    expect(items.map((e) => e.field)).toContain(field);
    if (itemCode) expect(items.map((e) => e.code)).toContain(itemCode);
    expect(await counts()).toEqual(before);
  });

  it('who may hand over: a partner and an operator of another kecamatan are refused, nothing written', async () => {
    const before = await counts();
    const body = { version: registered.body.version, channel: 'OUTREACH', visitId: VISIT };
    const partner = await Caller.partner(deeds, PARTNERS.rtLabolewa).post(`/deeds/${registered.body.id}/issue`, body);
    expect(partner.status).toBe(403);
    expect(partner.contentType).toContain('application/problem+json');
    const boawae = await (await Caller.user(deeds, ['operator'], ['531603'], 'op-boawae')).post(`/deeds/${registered.body.id}/issue`, body);
    expect([boawae.status, boawae.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    const analyst = await (await Caller.user(deeds, ['analyst'], ['5316'], 'analyst')).post(`/deeds/${registered.body.id}/issue`, body);
    expect(analyst.status).toBe(403);
    const nobody = await new Caller(deeds, {}).post(`/deeds/${registered.body.id}/issue`, body);
    expect(nobody.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('a kutipan handed over on a visit: the event carries the step’s channel and visit, the record keeps its own', async () => {
    const upper = VISIT.toUpperCase();
    const issued = await operator.ok(`/deeds/${registered.body.id}/issue`, { version: registered.body.version, channel: 'OUTREACH', visitId: upper });
    expect(issued.body).toMatchObject({ status: 'ISSUED', channel: 'PARTNER', visitId: null });
    expect(issued.body.copies).toHaveLength(1);
    expect(issued.body.history.at(-1)).toMatchObject({ type: 'ISSUE', status: 'ISSUED', channel: 'OUTREACH', visitId: VISIT });
    // The steps before say nothing of a place of their own.
    expect(issued.body.history.slice(0, -1).map((h: { channel?: string }) => h.channel)).toEqual([undefined, undefined, undefined, undefined]);

    // A further kutipan (after a loss) at the counter: OFFICE, no visit.
    const again = await operator.ok(`/deeds/${registered.body.id}/issue`, { version: issued.body.version });
    expect(again.body.history.at(-1)).toMatchObject({ type: 'ISSUE', channel: 'OFFICE' });
    expect(again.body.history.at(-1)).not.toHaveProperty('visitId');

    const events = await statusEvents(registered.body.id);
    expect(events.map((e) => `${e.from}→${e.to} ${e.stepChannel ?? '-'} ${e.stepVisitId ?? '-'}`)).toEqual([
      'null→NOTIFIED - -',
      'NOTIFIED→SUBMITTED - -',
      'SUBMITTED→VERIFIED - -',
      'VERIFIED→REGISTERED - -',
      `REGISTERED→ISSUED OUTREACH ${VISIT}`,
      'ISSUED→ISSUED OFFICE -',
    ]);
    // The record's channel and visit are unchanged: the report came from an RT head, not from a visit.
    for (const e of events) {
      expect(e.channel).toBe('PARTNER');
      expect(e).not.toHaveProperty('visitId');
      // What a consumer checks first: the payload passes the contract.
      expect(DeedStatusChanged.parse(e).ok).toBe(true);
    }
  });

  it('an application taken on one visit and handed over on another: both visits are in the hand-over event', async () => {
    const applicationVisit = uuidv7();
    const handOverVisit = uuidv7();
    // A death application taken by a team on a visit (the record's channel and visit), through the API as a team does.
    const report = deathReport(nik('1941-02-02', 'M'), 3);
    const opened = await operator.ok('/deeds', { deedType: 'DEATH', eventDate: report.eventDate, districtCode: report.districtCode, villageCode: report.villageCode, channel: 'OUTREACH', visitId: applicationVisit, particulars: report.particulars }, 201);
    const verified = await completeAndVerify(operator, opened.body.id, DEATH_DOCUMENTS);
    const registeredOnVisit = await registrar.ok(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    // Its kutipan handed over a week later, on the next visit to the village.
    await operator.ok(`/deeds/${opened.body.id}/issue`, { version: registeredOnVisit.body.version, channel: 'OUTREACH', visitId: handOverVisit });
    const events = await statusEvents(opened.body.id);
    expect(events.find((e) => e.to === 'ISSUED')).toMatchObject({ channel: 'OUTREACH', visitId: applicationVisit, stepChannel: 'OUTREACH', stepVisitId: handOverVisit });
    expect(events.filter((e) => e.to !== 'ISSUED').every((e) => e.stepVisitId === undefined && e.visitId === applicationVisit)).toBe(true);
  });
});
