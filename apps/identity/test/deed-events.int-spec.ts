// The consumers of the deeds events on the machine's PostgreSQL and NATS JetStream (integration tier): the test
// plays the deeds service, publishing registered-deed events with the contracts' envelope and Nats-Msg-Id into a
// DEEDS stream under its own NATS prefix, and the identity service's durable consumers act on them. Checked as a
// registrar would: the child on the parents' card with a NIK and a KIA, one child however often the deed comes,
// the deceased head's card under the spouse with a new No. KK, the spouses' marital statuses, a review item for a
// NIK that is not in the register, and a dead letter for an event that breaks the contract.
import { connect, headers as natsHeaders, type JetStreamManager, type NatsConnection } from 'nats';
import { HEADER_REQUEST_ID, STREAMS, SUBJECTS } from '@adminduk/contracts';
import { DEAD_LETTER_HEADERS, deadLetterStream, ensureStream, EventConsumerService, NatsService, uuidv7 } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { DEED_EVENT_DURABLES } from '../src/deed-events/deed-events.handler';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import {
  application,
  birthEvent,
  deathEvent,
  DISTRICT,
  divorceEvent,
  envelope,
  kkPrefix,
  marriageEvent,
  nikPrefix,
  outboxEvents,
  Registrar,
  reviews,
  type Card,
} from './deed-events-fixtures';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

let db: { name: string; url: string } | undefined;
let t: TestApp | undefined;
let prefix: string;
let nc: NatsConnection;
let jsm: JetStreamManager;
let reg: Registrar;

const app = (): TestApp => {
  if (!t) throw new Error('identity is not running');
  return t;
};
const streamName = (name: string) => app().app.get(NatsService).streamName(name);

beforeAll(async () => {
  db = await createDatabase('deedevents');
  prefix = uniqueNatsPrefix('deed-events');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
    DATABASE_URL: db.url,
    NATS_ENABLED: 'true',
    NATS_URL,
    NATS_PREFIX: prefix,
  });
  reg = new Registrar(t);
  nc = await connect({ servers: NATS_URL, name: 'deeds-test-producer' });
  jsm = await nc.jetstreamManager();
  // The deeds service's stream, as the deeds service would create it (identity's consumers also ensure it).
  await ensureStream(jsm, t.app.get(NatsService), STREAMS.deeds);
  await t.app.get(EventConsumerService).ready();
}, 60_000);

afterAll(async () => {
  // Stop the consumers first (they would re-create what is deleted), then delete the run's streams (with their
  // durable consumers) and the database.
  const names = t ? [STREAMS.deeds.name, STREAMS.identity.name, deadLetterStream('identity').name].map(streamName) : [];
  await t?.close();
  for (const name of names) await jsm?.streams.delete(name).catch(() => undefined);
  await nc?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

/** Publishes an event as the deeds service's relay does: the envelope as JSON, Nats-Msg-Id and the request id. Returns its stream sequence. */
async function publish(subject: string, payload: object, id: string = uuidv7(), msgId: string = id): Promise<number> {
  const h = natsHeaders();
  h.set(HEADER_REQUEST_ID, `deeds-test-${id}`);
  const ack = await nc.jetstream().publish(`${prefix}.${subject}`, new TextEncoder().encode(JSON.stringify(envelope(subject, payload, id))), { msgID: msgId, headers: h });
  return ack.seq;
}

/** Waits until the durable consumer has acknowledged the stream up to `seq` (processed, duplicate or dead-lettered). */
async function acked(durable: string, seq: number): Promise<void> {
  await waitFor(async () => (await jsm.consumers.info(streamName(STREAMS.deeds.name), durable)).ack_floor.stream_seq >= seq, `${durable} to acknowledge #${seq}`, 30_000);
}

describe('identity consumes the deeds events from JetStream', () => {
  it("registers the child of a birth deed with a new NIK on the parents' card as Anak, with a KIA and the events in the outbox", async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(app(), { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, payload));

    const after = await reg.cardById(card.id);
    expect(after).toMatchObject({ kkNumber: card.kkNumber, version: 2 });
    const member = after.members.find((m) => m.residentId !== husband.id && m.residentId !== wife.id);
    expect(member).toMatchObject({ relationship: 4, relationshipLabel: 'Anak', fatherResidentId: husband.id, motherResidentId: wife.id });
    const childId = member?.residentId as string;
    const child = await reg.residentById(childId);
    expect(child).toMatchObject({ fullName: payload.child.fullName, birthDate: payload.eventDate, familyCardId: card.id, status: 'ALIVE' });
    expect(child.nik.startsWith(nikPrefix(DISTRICT, payload.eventDate, 'F'))).toBe(true);
    expect(await reg.kia(childId)).toMatchObject({ status: 'PRINTED', card: { kiaType: 'UNDER_5' } });

    expect(await outboxEvents(app(), SUBJECTS.identity.residentRegistered, { residentId: childId, origin: 'BIRTH' })).toHaveLength(1);
    expect(await outboxEvents(app(), SUBJECTS.identity.familyCardChanged, { familyCardId: card.id, version: 2 })).toHaveLength(1);
    expect(await outboxEvents(app(), SUBJECTS.identity.kiaStatusChanged, { residentId: childId, to: 'PRINTED' })).toHaveLength(1);
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'APPLIED', residentIds: [childId] });
  });

  it('registers one child when the same event is delivered twice and when the deed comes again in a new event', async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(app(), { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    const id = uuidv7();
    await publish(SUBJECTS.deeds.birthRegistered, payload, id);
    // The same event again past JetStream's duplicate window (another Nats-Msg-Id): the inbox drops it.
    await publish(SUBJECTS.deeds.birthRegistered, payload, id, `${id}-again`);
    // The same deed in a new event: the deed's claim drops it.
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, payload));

    const after = await reg.cardById(card.id);
    expect(after.members).toHaveLength(3);
    expect(after.version).toBe(2);
    const named = await reg.call<{ items: unknown[] }>('GET', `/residents?name=${encodeURIComponent(payload.child.fullName)}&birthDate=${payload.eventDate}`);
    expect(named.body.items).toHaveLength(1);
    expect(await application(app(), payload.deedId)).toMatchObject({ eventId: id });
  });

  it("records the death of the head: deceased, the wife heads the card under a reissued No. KK", async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = deathEvent(app(), husband.nik);
    await acked(DEED_EVENT_DURABLES.death, await publish(SUBJECTS.deeds.deathRegistered, payload));

    expect(await reg.residentStatus(husband.id)).toMatchObject({ status: 'DECEASED', dateOfDeath: payload.eventDate });
    const after = await reg.cardById(card.id);
    expect(after.kkNumber).not.toBe(card.kkNumber);
    expect(after.kkNumber.startsWith(kkPrefix(app()))).toBe(true);
    expect(after.members).toEqual([expect.objectContaining({ residentId: wife.id, relationship: 1, maritalStatus: 'CERAI_MATI' })]);
    expect(await outboxEvents(app(), SUBJECTS.identity.residentStatusChanged, { residentId: husband.id, to: 'DECEASED' })).toHaveLength(1);
    expect(await outboxEvents(app(), SUBJECTS.identity.familyCardChanged, { familyCardId: card.id, previousKkNumber: card.kkNumber })).toHaveLength(1);
  });

  it('records a marriage and then the divorce of the same couple in their marital statuses', async () => {
    const groom = await reg.resident('1994-02-02', 'M', 'BELUM_KAWIN');
    const bride = await reg.resident('1996-06-06', 'F', 'BELUM_KAWIN');
    await acked(DEED_EVENT_DURABLES.marriage, await publish(SUBJECTS.deeds.marriageRegistered, marriageEvent(app(), groom.nik, bride.nik)));
    expect((await reg.residentById(groom.id)).maritalStatus).toBe('KAWIN_TERCATAT');
    expect((await reg.residentById(bride.id)).maritalStatus).toBe('KAWIN_TERCATAT');

    await acked(DEED_EVENT_DURABLES.divorce, await publish(SUBJECTS.deeds.divorceRegistered, divorceEvent(app(), groom.nik, bride.nik)));
    expect((await reg.residentById(groom.id)).maritalStatus).toBe('CERAI_HIDUP_TERCATAT');
    expect((await reg.residentById(bride.id)).maritalStatus).toBe('CERAI_HIDUP_TERCATAT');
    expect((await outboxEvents(app(), SUBJECTS.identity.residentMaritalStatusChanged, { residentId: bride.id })).map((e) => e.to)).toEqual(['KAWIN_TERCATAT', 'CERAI_HIDUP_TERCATAT']);
  });

  it('acknowledges a death of a NIK that is not in the register with a review item, not a retry or a dead letter', async () => {
    const payload = deathEvent(app(), '5316014404500008');
    await acked(DEED_EVENT_DURABLES.death, await publish(SUBJECTS.deeds.deathRegistered, payload));
    expect((await reviews(app(), payload.deedId)).map((r) => [r.code, r.status])).toEqual([['NIK_NOT_IN_REGISTER', 'OPEN']]);
    const info = await jsm.consumers.info(streamName(STREAMS.deeds.name), DEED_EVENT_DURABLES.death);
    expect(info.num_redelivered).toBe(0);
    expect((await reg.residentByNik('5316014404500008'))).toEqual([]);
  });

  it('dead-letters an event that breaks the contract, and the events after it flow on', async () => {
    const { motherName: _missing, ...broken } = birthEvent(app());
    await publish(SUBJECTS.deeds.birthRegistered, broken);
    const { husband, wife, card } = await reg.couple();
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, birthEvent(app(), { motherNik: wife.nik, fatherNik: husband.nik })));
    expect((await reg.cardById(card.id) as Card).members).toHaveLength(3);

    const dead = await jsm.streams.getMessage(streamName(deadLetterStream('identity').name), { last_by_subj: `${prefix}.deadletter.identity.${SUBJECTS.deeds.birthRegistered}` });
    expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toBe('INVALID_PAYLOAD');
    expect(dead.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(DEED_EVENT_DURABLES.birth);
  });
});
