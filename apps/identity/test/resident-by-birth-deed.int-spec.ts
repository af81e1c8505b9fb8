// identity.rpc.resident.by-birth-deed.v1 on the machine's PostgreSQL and NATS JetStream (integration tier): the test
// plays the deeds service — it publishes birth deeds into a DEEDS stream under its own prefix, identity's consumers
// apply them, and it then asks identity over NATS request/reply whose deed it is, as deeds does before it prints the
// child's NIK on a kutipan akta kelahiran. A newborn registered from the deed and a resident a late birth deed names
// are found with their NIK (the read audited); a deed identity linked to nobody, or never heard of, is found: false;
// a malformed request gets a stable code.
import { connect, headers as natsHeaders, type JetStreamManager, type NatsConnection } from 'nats';
import { Module, type DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { HEADER_REQUEST_ID, STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { AuditEntry, ensureStream, EventConsumerService, NatsService, PlatformModule, RpcClient, RpcServer, runInContext, uuidv7, type ServiceConfig } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { DEED_EVENT_DURABLES } from '../src/deed-events/deed-events.handler';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { birthEvent, daysAgo, envelope, nameOf, Registrar, reviews } from './deed-events-fixtures';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

@Module({})
class CallerModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: CallerModule, imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [] })] };
  }
}

let db: { name: string; url: string } | undefined;
let identity: TestApp | undefined;
let deeds: TestApp | undefined;
let prefix: string;
let nc: NatsConnection;
let jsm: JetStreamManager;
let reg: Registrar;

const app = (): TestApp => {
  if (!identity) throw new Error('identity is not running');
  return identity;
};
const streamName = (name: string) => app().app.get(NatsService).streamName(name);

beforeAll(async () => {
  db = await createDatabase('identitybirthdeed');
  prefix = uniqueNatsPrefix('rpc-birth-deed');
  identity = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix });
  reg = new Registrar(identity);
  nc = await connect({ servers: NATS_URL, name: 'birth-deed-rpc-test-producer' });
  jsm = await nc.jetstreamManager();
  await ensureStream(jsm, identity.app.get(NatsService), STREAMS.deeds);
  await identity.app.get(EventConsumerService).ready();
  await identity.app.get(RpcServer).ready();
  deeds = await createTestApp('deeds', (c) => CallerModule.forRoot(c), { title: 'caller', description: 'a service that asks identity', version: '0' }, { NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix });
  await deeds.app.get(NatsService).ready();
}, 60_000);

afterAll(async () => {
  const names = identity ? [STREAMS.deeds.name, STREAMS.identity.name].map(streamName) : [];
  await deeds?.close();
  await identity?.close();
  for (const name of names) await jsm?.streams.delete(name).catch(() => undefined);
  await nc?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

const ask = (deedId: string) => (deeds as TestApp).app.get(RpcClient).request(SUBJECTS.identityRpc.residentByBirthDeed, { deedId });

async function askRaw(data: string): Promise<unknown> {
  const nats = (deeds as TestApp).app.get(NatsService);
  const reply = await (await nats.ready()).request(nats.subject(SUBJECTS.identityRpc.residentByBirthDeed), new TextEncoder().encode(data), { timeout: 2_000 });
  return reply.json();
}

/** Publishes a deeds event as the deeds service does and waits until identity's birth consumer has acknowledged it. */
async function publishBirth(payload: object): Promise<void> {
  const id = uuidv7();
  const h = natsHeaders();
  h.set(HEADER_REQUEST_ID, `deeds-test-${id}`);
  const subject = SUBJECTS.deeds.birthRegistered;
  const ack = await nc.jetstream().publish(`${prefix}.${subject}`, new TextEncoder().encode(JSON.stringify(envelope(subject, payload, id))), { msgID: id, headers: h });
  await waitFor(async () => (await jsm.consumers.info(streamName(STREAMS.deeds.name), DEED_EVENT_DURABLES.birth)).ack_floor.stream_seq >= ack.seq, `the birth consumer to acknowledge #${ack.seq}`, 30_000);
}

/** Publishes another deeds event and waits until its identity consumer has acknowledged it. */
async function publishDeeds(subject: EventSubject, payload: object, durable: string): Promise<void> {
  const id = uuidv7();
  const h = natsHeaders();
  h.set(HEADER_REQUEST_ID, `deeds-test-${id}`);
  const ack = await nc.jetstream().publish(`${prefix}.${subject}`, new TextEncoder().encode(JSON.stringify(envelope(subject, payload, id))), { msgID: id, headers: h });
  await waitFor(async () => (await jsm.consumers.info(streamName(STREAMS.deeds.name), durable)).ack_floor.stream_seq >= ack.seq, `${durable} to acknowledge #${ack.seq}`, 30_000);
}

/** identity's answer once it says found (the link follows the deeds event by the outbox relay's delay). */
async function foundAnswer(deedId: string) {
  return waitFor(async () => {
    const reply = await ask(deedId);
    return reply.ok && reply.value.found ? reply.value : undefined;
  }, `identity to link deed ${deedId}`);
}

describe('identity.rpc.resident.by-birth-deed.v1', () => {
  it('answers with the newborn identity registered from the deed and the NIK it issued, and audits the read', async () => {
    const { husband, wife, card } = await reg.couple();
    const born = daysAgo(app(), 5);
    const payload = birthEvent(app(), { eventDate: born, motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    await publishBirth(payload);

    const answer = await runInContext({ requestId: 'req-deeds-kutipan' }, () => foundAnswer(payload.deedId));
    const child = await reg.residentById(answer.residentId as string);
    expect(answer).toEqual({ found: true, residentId: child.id, nik: child.nik });
    expect(child.fullName).toBe(payload.child.fullName);
    expect(child.nik).toMatch(/^\d{16}$/);
    // The NIK identity issued for a girl born on `born` under kecamatan Aesesa: day + 40.
    expect(child.nik.slice(0, 12)).toBe(`531601${String(Number(born.slice(8, 10)) + 40).padStart(2, '0')}${born.slice(5, 7)}${born.slice(2, 4)}`);
    const reads = await app().app.get(MikroORM).em.fork().find(AuditEntry, { resourceId: child.id, action: 'READ', endpoint: SUBJECTS.identityRpc.residentByBirthDeed });
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.find((r) => r.requestId === 'req-deeds-kutipan')).toMatchObject({ actorKind: 'system', resourceType: 'resident', regionCode: '531601' });
  });

  it('answers with the resident a late birth deed names: the deed linked to them, their NIK unchanged', async () => {
    const { husband, wife, card } = await reg.couple();
    const born = daysAgo(app(), 400);
    const child = await reg.resident(born, 'M', 'BELUM_KAWIN');
    const payload = birthEvent(app(), {
      eventDate: born,
      timeliness: 'LATE_OVER_ONE_YEAR',
      childNik: child.nik,
      child: { fullName: nameOf(child.nik), sex: 'M', birthPlace: 'Mbay', religion: 'KATOLIK' },
      motherNik: wife.nik,
      fatherNik: husband.nik,
      kkNumber: card.kkNumber,
    });
    await publishBirth(payload);
    expect(await foundAnswer(payload.deedId)).toEqual({ found: true, residentId: child.id, nik: child.nik });
  });

  it('answers found: false for a deed linked to nobody (the child it names is not in the register) and for a deed it never heard of', async () => {
    const payload = birthEvent(app(), { eventDate: daysAgo(app(), 400), timeliness: 'LATE_OVER_ONE_YEAR', childNik: '5316011205250099' });
    await publishBirth(payload);
    expect((await reviews(app(), payload.deedId)).map((r) => r.code)).toEqual(['NIK_NOT_IN_REGISTER']);
    expect(await ask(payload.deedId)).toEqual({ ok: true, value: { found: false } });
    expect(await ask(uuidv7())).toEqual({ ok: true, value: { found: false } });
  });

  it('answers found: false once a court annuls the birth deed (identity unlinks it), while the child stays', async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(app(), { eventDate: daysAgo(app(), 3), motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    await publishBirth(payload);
    const linked = await foundAnswer(payload.deedId);
    const annulment = {
      deedId: payload.deedId,
      deedType: 'BIRTH',
      deedNumber: payload.deedNumber,
      eventDate: payload.eventDate,
      persons: [{ role: 'mother', nik: wife.nik }, { role: 'father', nik: husband.nik }],
      districtCode: payload.districtCode,
      ...(payload.villageCode ? { villageCode: payload.villageCode } : {}),
      annulledAt: `${daysAgo(app(), 0)}T11:00:00.000+08:00`,
      courtDecision: { number: '91/Pdt.G/2026/PN Bjw', finalOn: daysAgo(app(), 1) },
    };
    await publishDeeds(SUBJECTS.deeds.deedAnnulled, annulment, DEED_EVENT_DURABLES.annulled);
    await waitFor(async () => {
      const reply = await ask(payload.deedId);
      return reply.ok && !reply.value.found ? true : undefined;
    }, 'identity to unlink the annulled deed');
    expect(await reg.residentById(linked.residentId as string)).toMatchObject({ status: 'ALIVE' });
  });

  it('refuses malformed requests with stable codes', async () => {
    expect(await askRaw('{"deedId": ')).toMatchObject({ ok: false, code: 'MALFORMED_REQUEST' });
    expect(await askRaw(JSON.stringify({ deedId: 'not-a-deed' }))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.deedId' }] });
    expect(await askRaw(JSON.stringify({}))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.deedId' }] });
  });
});
