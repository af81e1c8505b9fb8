// Corrected and annulled deeds reach reporting's figures (issue 19, item 7), on the machine's PostgreSQL and NATS
// JetStream: a newborn of one village with its birth deed registered on time and issued counts in BIRTH_DEED_0_18,
// BLAS and TIMELY_REGISTRATION; when a court annuls the deed (deeds.deed.annulled.v1 and its ANNULLED step, and
// identity's identity.resident.birth-deed-unlinked.v1) the child stays in the population without a deed and the deed
// leaves the BLAS and timely figures from the day of the annulment (the days before still show it). A corrected day
// of death (deeds.deed.corrected.v1) moves the OMAS time of the death deed. Events are published exactly as the
// producers' outbox relays publish them (contracts checked by the fixtures' envelope).
import type { JetStreamManager } from 'nats';
import { STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { ensureStream, EventConsumerService, NatsService, uuidv7 } from '@adminduk/platform';
import { createDatabase, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { REPORTING_DURABLES } from '../src/projections/projection-events.handler';
import { at, Caller, envelope, plusDays, startReporting, TODAY, type Json } from './reporting-fixtures';

jest.setTimeout(120_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let nats: NatsService;
let jsm: JetStreamManager;
const prefix = uniqueNatsPrefix('reporting-amend');
const VILLAGE = '5316011003';
const DISTRICT = VILLAGE.slice(0, 6);

const DURABLE: Partial<Record<EventSubject, string>> = {
  [SUBJECTS.identity.residentRegistered]: REPORTING_DURABLES.residentRegistered,
  [SUBJECTS.identity.residentBirthDeedLinked]: REPORTING_DURABLES.birthDeedLinked,
  [SUBJECTS.identity.residentBirthDeedUnlinked]: REPORTING_DURABLES.birthDeedUnlinked,
  [SUBJECTS.deeds.deedStatusChanged]: REPORTING_DURABLES.deedStatusChanged,
  [SUBJECTS.deeds.deedCorrected]: REPORTING_DURABLES.deedCorrected,
  [SUBJECTS.deeds.deedAnnulled]: REPORTING_DURABLES.deedAnnulled,
};

beforeAll(async () => {
  db = await createDatabase('reportingamend');
  t = await startReporting({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  nats = t.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await t.app.get(EventConsumerService).ready(60_000);
}, 90_000);

afterAll(async () => {
  await t?.close();
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 60_000);

/** Publishes the events in order and waits until each one's durable has acknowledged it. */
async function publish(...events: { subject: EventSubject; payload: object; occurredAt: string }[]): Promise<void> {
  const js = await nats.jetstream();
  for (const e of events) {
    const env = envelope(e.subject, e.payload, e.occurredAt);
    const ack = await js.publish(nats.subject(e.subject), new TextEncoder().encode(JSON.stringify(env)), { msgID: env.id });
    const durable = DURABLE[e.subject] as string;
    await waitFor(async () => (await jsm.consumers.info(ack.stream, durable)).ack_floor.stream_seq >= ack.seq, `${durable} to settle ${ack.seq}`, 60_000, 100);
  }
}

async function indicators(): Promise<Record<string, Json>> {
  const res = await new Caller(t, ['analyst'], ['5316']).get(`/indicators?region=${VILLAGE}&date=${TODAY}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.indicators.map((i: Json) => [i.id, i]));
}
const part = (indicator: Json, key: string): number => indicator.parts.find((p: Json) => p.key === key).count;

function step(deedId: string, deedType: 'BIRTH' | 'DEATH', from: string | null, to: string, day: string, eventDate: string, extra: object = {}) {
  return {
    subject: SUBJECTS.deeds.deedStatusChanged,
    occurredAt: at(day),
    payload: { deedId, deedType, from, to, at: at(day), eventDate, notifiedAt: at(plusDays(eventDate, 1)), timeliness: 'ON_TIME', channel: 'PARTNER', districtCode: DISTRICT, villageCode: VILLAGE, ...extra },
  };
}

describe('corrections and annulments in the figures', () => {
  it("an annulled birth deed leaves BIRTH_DEED_0_18's covered part, BLAS and TIMELY_REGISTRATION; the child stays counted", async () => {
    const residentId = uuidv7();
    const deedId = uuidv7();
    const born = plusDays(TODAY, -12);
    const [registered, issued] = [plusDays(TODAY, -9), plusDays(TODAY, -8)];
    await publish(
      { subject: SUBJECTS.identity.residentRegistered, occurredAt: at(registered), payload: { residentId, nik: '5316015511260001', birthDate: born, sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', districtCode: DISTRICT, villageCode: VILLAGE } },
      step(deedId, 'BIRTH', null, 'NOTIFIED', plusDays(born, 1), born),
      step(deedId, 'BIRTH', 'VERIFIED', 'REGISTERED', registered, born, { registeredAt: at(registered) }),
      step(deedId, 'BIRTH', 'REGISTERED', 'ISSUED', issued, born, { registeredAt: at(registered), issuedAt: at(issued) }),
    );
    const before = await indicators();
    expect([before.BIRTH_DEED_0_18.total, part(before.BIRTH_DEED_0_18, 'WITH_DEED')]).toEqual([1, 1]);
    expect([before.BLAS.total, before.BLAS.value]).toEqual([1, 4]);
    expect(part(before.TIMELY_REGISTRATION, 'ON_TIME')).toBe(1);

    const annulledOn = plusDays(TODAY, -1);
    await publish(
      {
        subject: SUBJECTS.deeds.deedAnnulled,
        occurredAt: at(annulledOn),
        payload: { deedId, deedType: 'BIRTH', deedNumber: '5316-KL-01122026-0001', eventDate: born, persons: [], districtCode: DISTRICT, villageCode: VILLAGE, annulledAt: at(annulledOn), courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: plusDays(annulledOn, -1) } },
      },
      step(deedId, 'BIRTH', 'ISSUED', 'ANNULLED', annulledOn, born, { registeredAt: at(registered), issuedAt: at(issued) }),
      { subject: SUBJECTS.identity.residentBirthDeedUnlinked, occurredAt: at(annulledOn), payload: { residentId, deedId, reason: 'DEED_ANNULLED', districtCode: DISTRICT, villageCode: VILLAGE } },
    );
    const after = await indicators();
    expect([after.BIRTH_DEED_0_18.total, part(after.BIRTH_DEED_0_18, 'WITH_DEED'), part(after.BIRTH_DEED_0_18, 'WITHOUT_DEED')]).toEqual([1, 0, 1]);
    expect([after.BLAS.total, after.BLAS.value]).toEqual([0, null]);
    expect(after.TIMELY_REGISTRATION.total).toBe(0);
    // The days before the annulment still show the deed as it stood then.
    const past = await new Caller(t, ['analyst'], ['5316']).get(`/indicators?region=${VILLAGE}&date=${plusDays(annulledOn, -1)}`);
    expect(past.body.indicators.find((i: Json) => i.id === 'BLAS').total).toBe(1);
    const pastDeeds = past.body.indicators.find((i: Json) => i.id === 'BIRTH_DEED_0_18');
    expect([pastDeeds.total, part(pastDeeds, 'WITH_DEED')]).toEqual([1, 1]);
  });

  it('a late birth deed linked to a child already in the register counts from the day of the link', async () => {
    const village = '5316011005';
    const residentId = uuidv7();
    const importedOn = plusDays(TODAY, -20);
    const linkedOn = plusDays(TODAY, -4);
    const deeds = async (day: string) => {
      const res = await new Caller(t, ['analyst'], ['5316']).get(`/indicators?region=${village}&date=${day}`);
      expect(res.status).toBe(200);
      const d = res.body.indicators.find((i: Json) => i.id === 'BIRTH_DEED_0_18');
      return [d.total, part(d, 'WITH_DEED')];
    };
    await publish({
      subject: SUBJECTS.identity.residentRegistered,
      occurredAt: at(importedOn),
      payload: { residentId, nik: '5316014507190001', birthDate: '2019-07-05', sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', hasBirthDeed: false, districtCode: DISTRICT, villageCode: village },
    });
    expect(await deeds(TODAY)).toEqual([1, 0]);
    await publish({ subject: SUBJECTS.identity.residentBirthDeedLinked, occurredAt: at(linkedOn), payload: { residentId, deedId: uuidv7(), deedNumber: '5316-LU-03122026-0007', link: 'EXISTING_RESIDENT', districtCode: DISTRICT, villageCode: village } });
    expect(await deeds(TODAY)).toEqual([1, 1]);
    expect(await deeds(plusDays(linkedOn, -1))).toEqual([1, 0]);
  });

  it('a corrected day of death moves the OMAS time of the death deed', async () => {
    const deedId = uuidv7();
    const died = plusDays(TODAY, -10);
    const [registered, issued] = [plusDays(TODAY, -6), plusDays(TODAY, -5)];
    const base = await indicators();
    await publish(
      step(deedId, 'DEATH', null, 'NOTIFIED', plusDays(died, 1), died),
      step(deedId, 'DEATH', 'VERIFIED', 'REGISTERED', registered, died, { registeredAt: at(registered) }),
      step(deedId, 'DEATH', 'REGISTERED', 'ISSUED', issued, died, { registeredAt: at(registered), issuedAt: at(issued) }),
    );
    const issuedNow = await indicators();
    expect([issuedNow.OMAS.total - base.OMAS.total, issuedNow.OMAS.value]).toEqual([1, 5]);
    const correctedOn = plusDays(TODAY, -2);
    await publish({
      subject: SUBJECTS.deeds.deedCorrected,
      occurredAt: at(correctedOn),
      payload: {
        deedId, deedType: 'DEATH', deedNumber: '5316-KM-01122026-0002', eventDate: plusDays(died, -3), persons: [{ role: 'deceased', nik: '5316010101500001' }], districtCode: DISTRICT, villageCode: VILLAGE,
        correctedAt: at(correctedOn), deedVersion: 2, fields: ['eventDate'], changes: [{ field: 'eventDate', from: died, to: plusDays(died, -3) }], reason: 'tanggal kematian salah ketik',
      },
    });
    const after = await indicators();
    expect([after.OMAS.total, after.OMAS.value]).toEqual([1, 8]);
  });
});
