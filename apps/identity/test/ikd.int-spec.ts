// The IKD (Identitas Kependudukan Digital) on the machine's PostgreSQL and NATS JetStream (integration tier): a
// resident with a recorded e-KTP activates the digital ID on an outreach visit, and the event reaches JetStream with
// the resident's kecamatan and desa and no personal data; the phone is lost, the IKD deactivated and activated again;
// every refusal answers with the code the counter shows; a retry with the same Idempotency-Key writes nothing twice.
import { MikroORM } from '@mikro-orm/core';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { AuditEntry, localDate, NatsService, OutboxEvent, OutboxRelay } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { IkdActionRecord } from '../src/ikd/ikd-action.entity';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const VISIT = '0190b5b4-3333-7000-8000-000000000007';

let db: { name: string; url: string } | undefined;
let t: TestApp | undefined;
let prefix: string;
let nc: NatsConnection | undefined;
let jsm: JetStreamManager;
let registrar: string;
let operator: string;
let people = 0;
const today = localDate('+08:00');

const app = (): TestApp => {
  if (!t) throw new Error('identity is not running');
  return t;
};

beforeAll(async () => {
  db = await createDatabase('ikd');
  prefix = uniqueNatsPrefix('ikd');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix });
  registrar = await tokenFor(['registrar'], ['5316'], 'registrar-ikd');
  operator = await tokenFor(['operator'], ['531601'], 'operator-ikd');
  nc = await connect({ servers: NATS_URL, name: 'ikd-test' });
  jsm = await nc.jetstreamManager();
}, 60_000);

afterAll(async () => {
  const stream = t ? app().app.get(NatsService).streamName(STREAMS.identity.name) : undefined;
  await t?.close();
  if (stream) await jsm?.streams.delete(stream).catch(() => undefined);
  await nc?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

interface Person {
  id: string;
  version: number;
  nik: string;
  fullName: string;
}

async function register(): Promise<Person> {
  people += 1;
  const fullName = `Yohana Ikd ${people}`;
  const res = await app().app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${registrar}` },
    payload: {
      fullName,
      birthPlace: 'Mbay',
      birthDate: '1990-03-01',
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus: 'KAWIN_TERCATAT',
      motherName: `Ibu Ikd ${people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 002 / RW 001, Labolewa',
    },
  });
  expect(res.statusCode).toBe(201);
  return { ...res.json(), fullName };
}

/** A resident whose e-KTP biometrics are recorded: the one who may activate the IKD. */
async function withEktp(): Promise<Person> {
  const r = await register();
  const res = await send(r.id, 'ektp', { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil Nagekeo, Mbay', channel: 'OFFICE' });
  expect(res.statusCode).toBe(201);
  return r;
}

function send(id: string, document: 'ektp' | 'ikd', body: object, token = operator, headers: Record<string, string> = {}) {
  return app().app.inject({ method: 'POST', url: `/residents/${id}/${document}/actions`, headers: { authorization: `Bearer ${token}`, ...headers }, payload: body });
}
const act = (id: string, body: object, token = operator, headers: Record<string, string> = {}) => send(id, 'ikd', body, token, headers);
const ikd = (id: string, token = operator) => app().app.inject({ method: 'GET', url: `/residents/${id}/ikd`, headers: { authorization: `Bearer ${token}` } });

async function outbox(residentId: string): Promise<Record<string, unknown>[]> {
  const rows = await app().app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.identity.ikdStatusChanged }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.residentId === residentId);
}

describe('IKD activation on PostgreSQL and NATS', () => {
  it('an activation on an outreach visit publishes the event with the region and the office day, and no personal data', async () => {
    const r = await withEktp();
    const before = (await ikd(r.id)).json();
    expect(before).toMatchObject({ status: 'NOT_ACTIVATED', version: 0, allowedActions: ['ACTIVATE'], since: null, history: [] });

    const res = await act(r.id, { type: 'ACTIVATE', version: 0, channel: 'OUTREACH', visitId: VISIT });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      residentId: r.id,
      status: 'ACTIVE',
      version: 1,
      allowedActions: ['DEACTIVATE'],
      history: [{ index: 0, type: 'ACTIVATE', by: 'operator-ikd', status: 'ACTIVE', channel: 'OUTREACH', visitId: VISIT, reason: null }],
    });

    await app().app.get(OutboxRelay).relayBatch();
    const stream = app().app.get(NatsService).streamName(STREAMS.identity.name);
    const envelope = await waitFor(async () => {
      const message = await jsm.streams.getMessage(stream, { last_by_subj: `${prefix}.${SUBJECTS.identity.ikdStatusChanged}` }).catch(() => undefined);
      if (!message) return undefined;
      const parsed = JSON.parse(new TextDecoder().decode(message.data)) as { payload: Record<string, unknown> };
      return parsed.payload.residentId === r.id ? { raw: new TextDecoder().decode(message.data), payload: parsed.payload } : undefined;
    }, 'the IKD event on JetStream');
    expect(envelope.payload).toEqual({
      residentId: r.id,
      from: 'NOT_ACTIVATED',
      to: 'ACTIVE',
      action: 'ACTIVATE',
      on: today,
      channel: 'OUTREACH',
      visitId: VISIT,
      districtCode: '531601',
      villageCode: '5316012002',
    });
    for (const personal of [r.nik, r.fullName, 'Labolewa', 'Ibu Ikd', '1990-03-01']) expect(envelope.raw).not.toContain(personal);

    // The action, its audit row and its event came together.
    const audit = await app().app.get(MikroORM).em.fork().find(AuditEntry, { resourceType: 'ikd', resourceId: r.id, action: 'UPDATE' });
    expect(audit.map((a) => [a.actorId, a.outcome])).toEqual([['operator-ikd', 'SUCCESS']]);
  });

  it('the phone is lost: deactivated with the reason, then activated again on the new phone', async () => {
    const r = await withEktp();
    expect((await act(r.id, { type: 'ACTIVATE', version: 0 })).statusCode).toBe(201);
    const lost = await act(r.id, { type: 'DEACTIVATE', version: 1, reason: 'PHONE_LOST' });
    expect(lost.statusCode).toBe(201);
    expect(lost.json()).toMatchObject({ status: 'DEACTIVATED', allowedActions: ['REACTIVATE'], version: 2 });
    expect((await act(r.id, { type: 'REACTIVATE', version: 2, channel: 'OFFICE' })).statusCode).toBe(201);

    const read = (await ikd(r.id)).json();
    expect(read).toMatchObject({ status: 'ACTIVE', version: 3, allowedActions: ['DEACTIVATE'] });
    expect(read.since).toBe(read.history[2].at);
    expect(read.history.map((h: Record<string, unknown>) => [h.type, h.status, h.channel, h.reason])).toEqual([
      ['ACTIVATE', 'ACTIVE', 'OFFICE', null],
      ['DEACTIVATE', 'DEACTIVATED', 'OFFICE', 'PHONE_LOST'],
      ['REACTIVATE', 'ACTIVE', 'OFFICE', null],
    ]);
    expect((await outbox(r.id)).map((e) => [e.action, e.from, e.to, e.on, e.channel])).toEqual([
      ['ACTIVATE', 'NOT_ACTIVATED', 'ACTIVE', today, 'OFFICE'],
      ['DEACTIVATE', 'ACTIVE', 'DEACTIVATED', today, 'OFFICE'],
      ['REACTIVATE', 'DEACTIVATED', 'ACTIVE', today, 'OFFICE'],
    ]);
  });

  describe('refusals, each with its code, and nothing written', () => {
    it('no recorded e-KTP: 422 IKD_EKTP_NOT_RECORDED, and the counter is not offered the activation', async () => {
      const r = await register();
      expect((await ikd(r.id)).json()).toMatchObject({ status: 'NOT_ACTIVATED', allowedActions: [] });
      const res = await act(r.id, { type: 'ACTIVATE', version: 0 });
      expect([res.statusCode, res.json().code]).toEqual([422, 'IKD_EKTP_NOT_RECORDED']);
      expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual(['EKTP_NOT_RECORDED']);
      expect(await outbox(r.id)).toEqual([]);
    });

    it('a deceased resident: 422 IKD_RESIDENT_NOT_ALIVE, even to deactivate', async () => {
      const r = await withEktp();
      expect((await act(r.id, { type: 'ACTIVATE', version: 0 })).statusCode).toBe(201);
      const died = await app().app.inject({ method: 'POST', url: `/residents/${r.id}/death`, headers: { authorization: `Bearer ${registrar}` }, payload: { version: r.version, dateOfDeath: today } });
      expect(died.statusCode).toBe(200);
      const res = await act(r.id, { type: 'DEACTIVATE', version: 1, reason: 'OTHER' });
      expect([res.statusCode, res.json().code]).toEqual([422, 'IKD_RESIDENT_NOT_ALIVE']);
      expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual(['RESIDENT_DECEASED']);
      expect((await ikd(r.id)).json()).toMatchObject({ status: 'ACTIVE', version: 1, allowedActions: [] });
      expect(await outbox(r.id)).toHaveLength(1);
    });

    it('out of order: 422 IKD_ACTION_NOT_ALLOWED', async () => {
      const r = await withEktp();
      for (const body of [{ type: 'REACTIVATE', version: 0 }, { type: 'DEACTIVATE', version: 0, reason: 'PHONE_CHANGED' }]) {
        const res = await act(r.id, body);
        expect([res.statusCode, res.json().code]).toEqual([422, 'IKD_ACTION_NOT_ALLOWED']);
      }
      expect((await act(r.id, { type: 'ACTIVATE', version: 0 })).statusCode).toBe(201);
      const again = await act(r.id, { type: 'ACTIVATE', version: 1 });
      expect([again.statusCode, again.json().code]).toEqual([422, 'IKD_ACTION_NOT_ALLOWED']);
      expect(await outbox(r.id)).toHaveLength(1);
    });

    it('a stale version: 409 VERSION_CONFLICT; of four clients sending the same version at once, one wins', async () => {
      const r = await withEktp();
      expect((await act(r.id, { type: 'ACTIVATE', version: 0 })).statusCode).toBe(201);
      const stale = await act(r.id, { type: 'DEACTIVATE', version: 0, reason: 'PHONE_LOST' });
      expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
      const racing = await Promise.all(Array.from({ length: 4 }, () => act(r.id, { type: 'DEACTIVATE', version: 1, reason: 'PHONE_LOST' })));
      expect(racing.map((res) => res.statusCode).sort()).toEqual([201, 409, 409, 409]);
      expect(await app().app.get(MikroORM).em.fork().count(IkdActionRecord, { residentId: r.id })).toBe(2);
      expect(await outbox(r.id)).toHaveLength(2);
    });

    it.each([
      ['an unknown action', { type: 'SUSPEND', version: 0 }, 'type'],
      ['no version', { type: 'ACTIVATE' }, 'version'],
      ['a deactivation without a reason', { type: 'DEACTIVATE', version: 0 }, 'reason'],
      ['an unknown reason', { type: 'DEACTIVATE', version: 0, reason: 'STOLEN' }, 'reason'],
      ['a reason for an activation', { type: 'ACTIVATE', version: 0, reason: 'OTHER' }, 'reason'],
      ['an outreach visit without the visit', { type: 'ACTIVATE', version: 0, channel: 'OUTREACH' }, 'visitId'],
      ['a visit at the office', { type: 'ACTIVATE', version: 0, channel: 'OFFICE', visitId: VISIT }, 'visitId'],
      ['an unknown channel', { type: 'ACTIVATE', version: 0, channel: 'ONLINE' }, 'channel'],
    ])('a bad body (%s): 400 VALIDATION_FAILED naming the field', async (_what, body, field) => {
      const r = await withEktp();
      const res = await act(r.id, body);
      expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await outbox(r.id)).toEqual([]);
    });

    it('outside the region: 403 OUTSIDE_REGION, for the read and the action', async () => {
      const r = await withEktp();
      const elsewhere = await tokenFor(['operator'], ['531603'], 'operator-elsewhere');
      const read = await ikd(r.id, elsewhere);
      expect([read.statusCode, read.json().code]).toEqual([403, 'OUTSIDE_REGION']);
      const res = await act(r.id, { type: 'ACTIVATE', version: 0 }, elsewhere);
      expect([res.statusCode, res.json().code]).toEqual([403, 'OUTSIDE_REGION']);
      expect(await outbox(r.id)).toEqual([]);
    });

    it('a role that does not record IKD actions: 403 ROLE_NOT_ALLOWED', async () => {
      const r = await withEktp();
      for (const role of ['analyst', 'integrator'] as const) {
        const res = await act(r.id, { type: 'ACTIVATE', version: 0 }, await tokenFor([role], ['5316'], `${role}-ikd`));
        expect([role, res.statusCode, res.json().code]).toEqual([role, 403, 'ROLE_NOT_ALLOWED']);
      }
      const read = await ikd(r.id, await tokenFor(['analyst'], ['5316'], 'analyst-ikd'));
      expect([read.statusCode, read.json().code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      expect(await outbox(r.id)).toEqual([]);
    });
  });

  it('a retry with the same Idempotency-Key gets the first answer, and nothing is written twice', async () => {
    const r = await withEktp();
    const key = { 'idempotency-key': `ikd-activate-${r.id}` };
    const body = { type: 'ACTIVATE', version: 0, channel: 'OUTREACH', visitId: VISIT };
    const first = await act(r.id, body, operator, key);
    const retry = await act(r.id, body, operator, key);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json()).toEqual(first.json());
    const reused = await act(r.id, { type: 'ACTIVATE', version: 0 }, operator, key);
    expect([reused.statusCode, reused.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await app().app.get(MikroORM).em.fork().count(IkdActionRecord, { residentId: r.id })).toBe(1);
    expect(await outbox(r.id)).toHaveLength(1);
    expect((await ikd(r.id)).json()).toMatchObject({ status: 'ACTIVE', version: 1 });
  });
});
