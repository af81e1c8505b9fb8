// The outreach service on the machine's PostgreSQL and NATS JetStream (integration tier). Identity and deeds events
// are published into their streams (IDENTITY, DEEDS, under a run-unique prefix) exactly as those services' outbox
// relays publish them (the envelope of libs/contracts, Nats-Msg-Id = the event id), and the backlog moves: once per
// event, whether JetStream drops a duplicate publish or the event reaches the consumer again. Then a plan for
// Nagekeo is made, published (its event lands in the OUTREACH stream), a visit is cancelled and the rest re-planned
// (a new version, published again), and an outcome is recorded (outreach.visit.completed.v1 in the stream).
import { MikroORM } from '@mikro-orm/core';
import type { JetStreamManager } from 'nats';
import { STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { ensureStream, EventConsumerService, InboxMessage, NatsService, uuidv7 } from '@adminduk/platform';
import { createDatabase, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { BACKLOG_DURABLES } from '../src/backlog/backlog-events.handler';
import { ResidentState } from '../src/backlog/resident-state.entity';
import { birth, Caller, deedStep, ektp, envelope, onHoliday, plusDays, registered, startOutreach, TODAY, villageBacklog, yearsAgo, type Json } from './outreach-fixtures';

let db: { name: string; url: string } | undefined;
let t: TestApp;
let nats: NatsService;
let jsm: JetStreamManager;
let registrar: Caller;
const prefix = uniqueNatsPrefix('outreach');

// Generous: the machine is shared, and a plan's backlog is 240 events through JetStream.
jest.setTimeout(120_000);

beforeAll(async () => {
  db = await createDatabase('outreach');
  t = await startOutreach({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  nats = t.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await t.app.get(EventConsumerService).ready();
  registrar = new Caller(t, ['registrar'], ['5316']);
}, 60_000);

afterAll(async () => {
  await t?.close();
  // The run's streams (IDENTITY, DEEDS, OUTREACH, the dead letters) and with them their consumers.
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 30_000);

/** Publishes an event as the producer's outbox relay does; returns its stream sequence and whether JetStream kept it. */
async function publish(subject: EventSubject, payload: object, options: { id?: string; msgID?: string; occurredAt?: string } = {}): Promise<{ id: string; seq: number; duplicate: boolean }> {
  const e = envelope(subject, payload, { id: options.id, ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}) });
  const ack = await (await nats.jetstream()).publish(nats.subject(subject), new TextEncoder().encode(JSON.stringify(e)), { msgID: options.msgID ?? e.id });
  return { id: e.id, seq: ack.seq, duplicate: ack.duplicate };
}

/** Waits until the durable has settled everything up to `seq` of its stream. */
async function settled(stream: string, durable: string, seq: number): Promise<void> {
  await waitFor(async () => (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq >= seq, `${durable} to settle sequence ${seq}`, 90_000);
}

/** The events of the OUTREACH stream with this subject. */
async function outreachEvents(subject: string): Promise<Json[]> {
  const name = nats.streamName(STREAMS.outreach.name);
  const { state } = await jsm.streams.info(name);
  const found: Json[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(name, { seq }).catch(() => undefined);
    if (m && m.subject === nats.subject(subject)) found.push(m.json<Json>());
  }
  return found;
}

const backlogOf = async (village: string, kind: string) => (await villageBacklog(registrar, village)).backlog[kind];

describe('the backlog from the IDENTITY and DEEDS streams', () => {
  const V = '5316011003'; // Mbay I
  const place = { districtCode: '531601', villageCode: V };

  it('moves with registrations and e-KTP steps, exactly once through a duplicate publish and a redelivered event', async () => {
    const people = Array.from({ length: 3 }, () => registered({ birthDate: yearsAgo(35), ...place }));
    for (const p of people) await publish(SUBJECTS.identity.residentRegistered, p);
    await waitFor(async () => (await backlogOf(V, 'EKTP_RECORDING')) === 3, 'three recordings to make in Mbay I');

    const [first] = people as [ReturnType<typeof registered>];
    const step = ektp(first.residentId, 'NOT_RECORDED', 'RECORDED', place);
    const recorded = await publish(SUBJECTS.identity.ektpStatusChanged, step);
    await waitFor(async () => (await backlogOf(V, 'EKTP_RECORDING')) === 2, 'the recording to count');

    // A relay that crashed after publishing publishes again with the same Nats-Msg-Id: JetStream drops it.
    const again = await publish(SUBJECTS.identity.ektpStatusChanged, step, { id: recorded.id });
    expect(again.duplicate).toBe(true);
    // Beyond the duplicate window the same event reaches the consumer again: the inbox drops it.
    const late = await publish(SUBJECTS.identity.ektpStatusChanged, step, { id: recorded.id, msgID: uuidv7() });
    expect(late.duplicate).toBe(false);
    await settled(nats.streamName(STREAMS.identity.name), BACKLOG_DURABLES.ektpStatusChanged, late.seq);
    expect(await backlogOf(V, 'EKTP_RECORDING')).toBe(2);
    const em = t.app.get(MikroORM).em.fork();
    expect(await em.count(InboxMessage, { consumer: BACKLOG_DURABLES.ektpStatusChanged, eventId: recorded.id })).toBe(1);
  });

  it('moves with deed applications and birth deeds from DEEDS', async () => {
    const child = registered({ birthDate: yearsAgo(4), sex: 'M', ...place });
    await publish(SUBJECTS.identity.residentRegistered, child);
    await waitFor(async () => (await backlogOf(V, 'BIRTH_DEED')) === 1, 'a child without a birth deed');
    await publish(SUBJECTS.deeds.birthRegistered, birth(child.birthDate, { ...place, timeliness: 'LATE_OVER_ONE_YEAR', child: { fullName: 'Anak Integrasi', sex: 'M', birthPlace: 'Mbay', religion: 'KATOLIK' } }));
    await publish(SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), null, 'SUBMITTED', place));
    await waitFor(async () => {
      const { backlog } = await villageBacklog(registrar, V);
      return backlog.BIRTH_DEED === 0 && backlog.APPLICATION === 1;
    }, 'the deed to count and the application to open');
  });

  it("takes identity's word for whose birth deed it is: twins born the same day, the deed linked to the second", async () => {
    const first = registered({ birthDate: yearsAgo(2), sex: 'F', ...place });
    const second = registered({ birthDate: yearsAgo(2), sex: 'F', ...place });
    for (const twin of [first, second]) await publish(SUBJECTS.identity.residentRegistered, twin);
    const deed = birth(first.birthDate, { ...place, child: { fullName: 'Kembar Dua', sex: 'F', birthPlace: 'Mbay', religion: 'KATOLIK' } });
    await publish(SUBJECTS.deeds.birthRegistered, deed);
    const deedOf = async (residentId: string) => (await t.app.get(MikroORM).em.fork().findOne(ResidentState, { residentId }))?.birthDeedId ?? null;
    // By birth date and sex alone the deed goes to one of the twins, a guess.
    await waitFor(async () => (await deedOf(first.residentId)) !== null || (await deedOf(second.residentId)) !== null, 'the guess');
    await publish(SUBJECTS.identity.residentBirthDeedLinked, { residentId: second.residentId, deedId: deed.deedId, link: 'EXISTING_RESIDENT', ...place });
    await waitFor(async () => (await deedOf(second.residentId)) === deed.deedId, 'the link');
    expect(await deedOf(first.residentId)).toBeNull();
  });

  it('puts a child whose birth deed a court annulled back in the birth-deed backlog; an older link does not undo it', async () => {
    const child = registered({ birthDate: yearsAgo(3), sex: 'M', ...place });
    await publish(SUBJECTS.identity.residentRegistered, child);
    const deed = birth(child.birthDate, { ...place, child: { fullName: 'Anak Batal', sex: 'M', birthPlace: 'Mbay', religion: 'KATOLIK' } });
    await publish(SUBJECTS.deeds.birthRegistered, deed);
    const linkedAt = new Date(Date.now() - 60_000).toISOString();
    await publish(SUBJECTS.identity.residentBirthDeedLinked, { residentId: child.residentId, deedId: deed.deedId, link: 'EXISTING_RESIDENT', ...place });
    const stateOf = async () => t.app.get(MikroORM).em.fork().findOne(ResidentState, { residentId: child.residentId });
    await waitFor(async () => (await stateOf())?.birthDeedId === deed.deedId, 'the link');
    const before = await backlogOf(V, 'BIRTH_DEED');
    await publish(SUBJECTS.identity.residentBirthDeedUnlinked, { residentId: child.residentId, deedId: deed.deedId, reason: 'DEED_ANNULLED', ...place });
    await waitFor(async () => (await stateOf())?.birthDeedId === null, 'the unlink');
    expect(await stateOf()).toMatchObject({ birthDeed: false, birthDeedId: null });
    expect(await backlogOf(V, 'BIRTH_DEED')).toBe(before + 1);
    // A link of the same deed older than the annulment, delivered late, links nothing.
    const { seq } = await publish(SUBJECTS.identity.residentBirthDeedLinked, { residentId: child.residentId, deedId: deed.deedId, link: 'EXISTING_RESIDENT', ...place }, { occurredAt: linkedAt });
    await settled(nats.streamName(STREAMS.identity.name), BACKLOG_DURABLES.birthDeedLinked, seq);
    expect(await stateOf()).toMatchObject({ birthDeed: false, birthDeedId: null });
  });
});

describe("an imported register's documents, from identity.resident.registered.v1 in the IDENTITY stream", () => {
  const V = '5316052001'; // Tendatoto (kecamatan 531605): no other test of this file uses it
  const place = { districtCode: '531605', villageCode: V };

  it('leaves out of the backlog an adult with a recorded e-KTP, a child with a birth deed, a child with a valid KIA', async () => {
    const before = (await villageBacklog(registrar, V)).backlog;
    const people = [
      // Counted: the register said nothing, or that the e-KTP is not recorded / the child has no deed and no KIA.
      registered({ birthDate: yearsAgo(40), maritalStatus: 'KAWIN_TERCATAT', origin: 'IMPORT', ...place }),
      registered({ birthDate: yearsAgo(30), origin: 'IMPORT', ektpState: 'NOT_RECORDED', ...place }),
      registered({ birthDate: yearsAgo(7), origin: 'IMPORT', ektpState: 'NOT_YET_COMPULSORY', kiaState: 'NOT_ISSUED', hasBirthDeed: false, ...place }),
      // Not counted: recorded (or further) e-KTPs, a child with a deed and a valid KIA.
      registered({ birthDate: yearsAgo(45), maritalStatus: 'KAWIN_TERCATAT', origin: 'IMPORT', ektpState: 'ISSUED', hasBirthDeed: true, ...place }),
      registered({ birthDate: yearsAgo(22), origin: 'IMPORT', ektpState: 'RECORDED', ...place }),
      registered({ birthDate: yearsAgo(9), origin: 'IMPORT', ektpState: 'NOT_YET_COMPULSORY', kiaState: 'ISSUED', hasBirthDeed: true, ...place }),
      // An expired KIA (the UNDER_5 card of a 6-year-old) is a KIA to make; a printed one is one to hand over.
      registered({ birthDate: yearsAgo(6), origin: 'IMPORT', kiaState: 'EXPIRED', hasBirthDeed: true, ...place }),
      registered({ birthDate: yearsAgo(3), origin: 'IMPORT', kiaState: 'PRINTED', hasBirthDeed: true, ...place }),
    ];
    let last = 0;
    for (const p of people) last = (await publish(SUBJECTS.identity.residentRegistered, p)).seq;
    await settled(nats.streamName(STREAMS.identity.name), BACKLOG_DURABLES.residentRegistered, last);
    const after = (await villageBacklog(registrar, V)).backlog;
    expect({
      EKTP_RECORDING: after.EKTP_RECORDING - before.EKTP_RECORDING,
      BIRTH_DEED: after.BIRTH_DEED - before.BIRTH_DEED,
      KIA: after.KIA - before.KIA,
      HANDOVER: after.HANDOVER - before.HANDOVER,
    }).toEqual({ EKTP_RECORDING: 2, BIRTH_DEED: 1, KIA: 2, HANDOVER: 1 });
  });
});

describe('a plan for Nagekeo through its life', () => {
  let plan: { id: string; seriesId: string; visits: { id: string; date: string; status: string; villageCode: string }[] };
  let completed: { id: string; villageCode: string } | undefined;

  beforeAll(async () => {
    // A backlog in three kecamatan, three teams, every weekday a service day (so that there is a visit today).
    const villages = ['5316011001', '5316031001', '5316042002'];
    let last = 0;
    for (const [i, v] of villages.entries()) {
      for (let n = 0; n < 40 * (i + 1); n++) last = (await publish(SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(25), districtCode: v.slice(0, 6), villageCode: v }))).seq;
    }
    await settled(nats.streamName(STREAMS.identity.name), BACKLOG_DURABLES.residentRegistered, last);
    for (const name of ['Tim Aesesa', 'Tim Boawae', 'Tim Mauponggo']) {
      expect((await registrar.call('POST', '/teams', { name, staffCount: 4, equipment: ['EKTP_RECORDING_KIT'], services: ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'], capacity: { EKTP_RECORDING: 60 } })).status).toBe(201);
    }
    const settings = (await registrar.call('GET', '/calendar/settings')).body;
    expect((await registrar.call('PUT', '/calendar/settings', { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 })).status).toBe(200);
  });

  it('is generated from the backlog and published: the event is in the OUTREACH stream', async () => {
    const draft = await registrar.call('POST', '/plans', { weeks: 2, startDate: TODAY, ...onHoliday(TODAY, plusDays(TODAY, 1)) });
    expect(draft.status).toBe(201);
    expect(draft.body.visits.length).toBeGreaterThan(0);
    const res = await registrar.call('POST', `/plans/${draft.body.id}/publish`);
    expect(res.body.status).toBe('PUBLISHED');
    plan = res.body;
    const [event] = await waitFor(async () => {
      const found = (await outreachEvents(SUBJECTS.outreach.planPublished)).filter((e) => e.payload.planId === plan.id);
      return found.length > 0 && found;
    }, 'the plan in the OUTREACH stream');
    expect(event).toMatchObject({ subject: SUBJECTS.outreach.planPublished, producer: 'outreach', payload: { planId: plan.id, version: 1, reason: 'PUBLISHED' } });
    expect(event.payload.visits).toHaveLength(plan.visits.length);
  });

  it('a visit cancelled for the weather is re-planned in a new version, published again', async () => {
    const tomorrow = plan.visits.find((v) => v.date === plusDays(TODAY, 1)) as { id: string };
    const res = await new Caller(t, ['operator'], ['5316']).call('POST', `/plans/${plan.id}/visits/${tomorrow.id}/cancel`, { reason: 'WEATHER' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, previousPlanId: plan.id, status: 'PUBLISHED' });
    expect(res.body.visits.filter((v: { date: string }) => v.date <= plusDays(TODAY, 1)).map((v: { id: string }) => v.id)).toEqual(
      plan.visits.filter((v) => v.date <= plusDays(TODAY, 1)).map((v) => v.id),
    );
    await waitFor(async () => (await outreachEvents(SUBJECTS.outreach.planPublished)).some((e) => e.payload.planId === res.body.id && e.payload.reason === 'REPLANNED' && e.payload.cancelledVisitId === tomorrow.id), 'the re-plan in the OUTREACH stream');
    plan = res.body;
  });

  it("records a visit's outcome: outreach.visit.completed.v1 in the OUTREACH stream", async () => {
    const today = plan.visits.find((v) => v.date === TODAY && v.status === 'PLANNED') as { id: string; villageCode: string };
    completed = today;
    const res = await new Caller(t, ['operator'], ['5316']).call('POST', `/plans/${plan.id}/visits/${today.id}/outcome`, { EKTP_RECORDING: 41, HANDOVER: 3 });
    expect([res.status, res.body.status]).toEqual([200, 'COMPLETED']);
    const [event] = await waitFor(async () => {
      const found = (await outreachEvents(SUBJECTS.outreach.visitCompleted)).filter((e) => e.payload.visitId === today.id);
      return found.length > 0 && found;
    }, 'the outcome in the OUTREACH stream');
    expect(event.payload.done).toEqual({ EKTP_RECORDING: 41, BIRTH_DEED: 0, KIA: 0, APPLICATION: 0, HANDOVER: 3 });
  });

  it("links the visit's hand-overs, kutipan akta included, from the DEEDS and IDENTITY streams: HANDOVER is a MATCH", async () => {
    const visit = completed as { id: string; villageCode: string };
    expect(visit).toBeDefined();
    const where = { districtCode: visit.villageCode.slice(0, 6), villageCode: visit.villageCode };
    const onVisit = { stepChannel: 'OUTREACH' as const, stepVisitId: visit.id };
    // The team's three hand-overs: an e-KTP, the first kutipan of a death deed applied for at the office, and the
    // kutipan of a birth deed whose application was taken on an earlier visit (the record's visit is that one).
    await publish(SUBJECTS.identity.ektpStatusChanged, ektp(uuidv7(), 'PRINTED', 'ISSUED', { action: 'ISSUE', channel: 'OUTREACH', visitId: visit.id, ...where }));
    const death = uuidv7();
    const earlierVisit = uuidv7();
    await publish(SUBJECTS.deeds.deedStatusChanged, deedStep(death, 'REGISTERED', 'ISSUED', { ...where, ...onVisit }));
    await publish(SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), 'REGISTERED', 'ISSUED', { deedType: 'BIRTH', channel: 'OUTREACH', visitId: earlierVisit, ...where, ...onVisit }));
    // A second kutipan of the same deed on the same visit (a misprint handed again) is the same family's hand-over;
    // a kutipan handed over at the counter is no hand-over of the visit.
    await publish(SUBJECTS.deeds.deedStatusChanged, deedStep(death, 'ISSUED', 'ISSUED', { ...where, ...onVisit }));
    const last = await publish(SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), 'REGISTERED', 'ISSUED', { ...where, stepChannel: 'OFFICE' }));
    await settled(nats.streamName(STREAMS.deeds.name), BACKLOG_DURABLES.deedStatusChanged, last.seq);

    const res = await waitFor(async () => {
      const r = await registrar.call('GET', `/plans/${plan.id}/visits/${visit.id}`);
      return r.body.linked?.HANDOVER === 3 && r;
    }, 'the three hand-overs to be linked');
    const handover = res.body.reconciliation.find((r: { kind: string }) => r.kind === 'HANDOVER');
    expect(handover).toEqual({ kind: 'HANDOVER', reported: 3, linked: 3, status: 'MATCH', mismatch: false });
    const links = res.body.links.filter((l: { kind: string }) => l.kind === 'HANDOVER');
    expect(links.map((l: { recordType: string }) => l.recordType).sort()).toEqual(['DEED', 'DEED', 'RESIDENT']);
    expect(links.map((l: { recordId: string }) => l.recordId)).toContain(death);
    // The birth deed's application is linked to the visit it was taken on, not to this one.
    expect(res.body.links.filter((l: { kind: string }) => l.kind === 'BIRTH_DEED')).toEqual([]);
  });
});
