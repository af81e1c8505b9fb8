// Every instant identity writes is in one form (issue 19 item 9): RFC 3339 at the office's offset with
// milliseconds, '2026-11-27T09:30:00.123+08:00' in Nagekeo (UTC_OFFSET +08:00), on the machine's PostgreSQL and
// NATS JetStream. A clerk reads the same local time in every response: a resident and its family card (their
// createdAt / updatedAt, the card's versions), an e-KTP taken through to ISSUED (each step's time), the audit trail
// — and the events identity publishes, envelope (occurredAt) and payload alike. Calendar dates stay YYYY-MM-DD.
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxRelay } from '@adminduk/platform';
import { createDatabase, createTestApp, dateTimesIn, dropDatabase, instantsNotInForm, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

let db: { name: string; url: string } | undefined;
let t: TestApp | undefined;
let prefix: string;
let nc: NatsConnection | undefined;
let jsm: JetStreamManager;
let registrar: string;
let admin: string;
let people = 0;

const app = (): TestApp => {
  if (!t) throw new Error('identity is not running');
  return t;
};

beforeAll(async () => {
  db = await createDatabase('instants');
  prefix = uniqueNatsPrefix('instants');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix });
  registrar = await tokenFor(['registrar'], ['5316'], 'registrar-instants');
  admin = await tokenFor(['admin'], ['5316'], 'admin-instants');
  nc = await connect({ servers: NATS_URL, name: 'instants-test' });
  jsm = await nc.jetstreamManager();
}, 60_000);

afterAll(async () => {
  const stream = t ? app().app.get(NatsService).streamName(STREAMS.identity.name) : undefined;
  await t?.close();
  if (stream) await jsm?.streams.delete(stream).catch(() => undefined);
  await nc?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

async function call(method: 'GET' | 'POST', url: string, payload?: object, token = registrar): Promise<Record<string, unknown>> {
  const res = await app().app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  expect([200, 201]).toContain(res.statusCode);
  return res.json();
}

async function register(sex: 'M' | 'F'): Promise<{ id: string; version: number }> {
  people += 1;
  return (await call('POST', '/residents', {
    fullName: `Warga Waktu ${people}`,
    birthPlace: 'Mbay',
    birthDate: '1980-03-14',
    sex,
    religion: 'KATOLIK',
    maritalStatus: 'KAWIN_TERCATAT',
    motherName: `Ibu Waktu ${people}`,
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 002 / RW 001, Labolewa',
  })) as { id: string; version: number };
}

/** Every date-time in `json` is at +08:00 with milliseconds, and there are at least `atLeast` of them. */
function expectOfficeInstants(json: unknown, atLeast: number): void {
  expect(instantsNotInForm(json)).toEqual([]);
  expect(dateTimesIn(json).length).toBeGreaterThanOrEqual(atLeast);
}

describe('instants in one form: RFC 3339 at the office offset (+08:00) with milliseconds', () => {
  it("a resident, its family card and the card's versions", async () => {
    const husband = await register('M');
    const wife = await register('F');
    const card = (await call('POST', '/family-cards', { members: [{ residentId: husband.id, relationship: 1 }, { residentId: wife.id, relationship: 3 }] })) as { id: string };
    expectOfficeInstants(card, 2);
    expectOfficeInstants(await call('GET', `/residents/${husband.id}`), 2);
    expectOfficeInstants(await call('GET', `/residents?familyCardId=${card.id}`), 0);
    expectOfficeInstants(await call('GET', `/family-cards/${card.id}`), 2);
    expectOfficeInstants(await call('GET', `/family-cards/${card.id}/versions`), 1);
    expectOfficeInstants(await call('GET', `/residents/${wife.id}/status`), 1);
  });

  it('an e-KTP through to ISSUED: every step and milestone, and the audit trail of it', async () => {
    const r = await register('F');
    const steps = [
      { type: 'RECORD_BIOMETRICS', place: 'Kantor Dukcapil Nagekeo, Mbay', channel: 'OFFICE' },
      { type: 'MARK_PRINT_READY' },
      { type: 'SEND_FOR_PRINTING' },
      { type: 'MARK_PRINTED' },
      { type: 'ISSUE' },
    ];
    for (const [version, step] of steps.entries()) await call('POST', `/residents/${r.id}/ektp/actions`, { ...step, version });
    const ektp = await call('GET', `/residents/${r.id}/ektp`);
    expect(ektp).toMatchObject({ status: 'ISSUED' });
    // five history steps, one recording, printReadyAt, sentForPrintingAt, printedAt, issuedAt, lastIssuedAt
    expectOfficeInstants(ektp, 11);
    // the date part is the office's day: the same day as asOf, which is the office's calendar date
    expect(String(ektp.issuedAt).slice(0, 10)).toBe(ektp.asOf);
    expectOfficeInstants(await call('GET', `/audit?resourceId=${r.id}`, undefined, admin), 2);
  });

  it('the events it publishes: the envelope occurredAt and the instants of the payload', async () => {
    const r = await register('M');
    await call('POST', `/residents/${r.id}/ektp/actions`, { type: 'RECORD_BIOMETRICS', place: 'Kantor Dukcapil Nagekeo, Mbay', channel: 'OFFICE', version: 0 });
    await app().app.get(OutboxRelay).relayBatch();
    const stream = app().app.get(NatsService).streamName(STREAMS.identity.name);
    const envelopeOf = async (subject: string) => {
      const message = await jsm.streams.getMessage(stream, { last_by_subj: `${prefix}.${subject}` });
      return JSON.parse(new TextDecoder().decode(message.data)) as { occurredAt: string; payload: Record<string, unknown> };
    };
    await waitFor(async () => (await envelopeOf(SUBJECTS.identity.ektpStatusChanged).catch(() => undefined))?.payload.residentId === r.id, 'the e-KTP event on JetStream');
    const registered = await envelopeOf(SUBJECTS.identity.residentRegistered);
    const recorded = await envelopeOf(SUBJECTS.identity.ektpStatusChanged);
    expectOfficeInstants(registered, 1);
    expectOfficeInstants(recorded, 1);
    expect(recorded.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });
});
