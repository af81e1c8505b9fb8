// The identity service on PostgreSQL with a NATS server of its own (a private nats-server, so nobody else is
// disturbed): NATS crashes, and the office keeps working through HTTP (residents registered, a family card issued
// and changed, a record corrected: 201/200, health still ready); NATS returns, the outbox relay resumes by itself,
// and every change's event is in the IDENTITY stream exactly once: per subject as many messages as changes made,
// and one message per outbox event id.
import { MikroORM } from '@mikro-orm/core';
import { STREAMS, SUBJECTS, type EventEnvelope } from '@adminduk/contracts';
import { NatsService, OutboxEvent, OutboxStats } from '@adminduk/platform';
import {
  createDatabase,
  createTestApp,
  dropDatabase,
  startPrivateNatsServer,
  tokenFor,
  uniqueNatsPrefix,
  waitFor,
  type PrivateNatsServer,
  type TestApp,
} from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

jest.setTimeout(60_000);

let server: PrivateNatsServer;
let db: { name: string; url: string };
let t: TestApp;
let nats: NatsService;
let registrar: string;
let n = 0;

beforeAll(async () => {
  server = await startPrivateNatsServer();
  db = await createDatabase('identityoutage');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
    DATABASE_URL: db.url,
    NATS_URL: server.url,
    NATS_ENABLED: 'true',
    NATS_PREFIX: uniqueNatsPrefix('identity-outage'),
    // Tables of entities whose migration is not generated yet (development only; a no-op once it is).
    ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
  });
  nats = t.app.get(NatsService);
  registrar = await tokenFor(['registrar'], ['5316']);
  // The relay creates the stream once connected.
  await waitFor(async () => (await nats.jetstreamManager()).streams.info(streamName()), 'the IDENTITY stream');
});

afterAll(async () => {
  try {
    if (server?.running && nats) await (await nats.jetstreamManager()).streams.delete(streamName()).catch(() => undefined);
    await t?.close();
  } finally {
    await server?.dispose();
    if (db) await dropDatabase(db.name);
  }
});

const streamName = () => nats.streamName(STREAMS.identity.name);

interface Reply {
  readonly id: string;
  readonly kkNumber: string;
  readonly version: number;
}

async function call(method: 'POST' | 'PATCH', url: string, payload: object, expected: number): Promise<Reply> {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${registrar}` }, payload });
  expect({ url, status: res.statusCode }).toEqual({ url, status: expected });
  return res.json() as Reply;
}

function register(birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<Reply> {
  n += 1;
  return call(
    'POST',
    '/residents',
    {
      fullName: `Warga Padam ${n}`,
      birthPlace: 'Mbay',
      birthDate,
      sex,
      religion: 'KATOLIK',
      maritalStatus,
      motherName: `Ibu Padam ${n}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 002 / RW 001, Labolewa',
    },
    201,
  );
}

/** Messages per subject (without the run's prefix) in the IDENTITY stream. */
async function streamCounts(): Promise<Record<string, number>> {
  const info = await (await nats.jetstreamManager()).streams.info(streamName(), { subjects_filter: '>' });
  const prefix = nats.subject('');
  return Object.fromEntries(Object.entries(info.state.subjects ?? {}).map(([subject, count]) => [subject.slice(prefix.length), count]));
}

/** The event ids of every message in the stream, in stream order. */
async function streamEventIds(): Promise<string[]> {
  const jsm = await nats.jetstreamManager();
  const { state } = await jsm.streams.info(streamName());
  const ids: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(streamName(), { seq });
    ids.push((message.json() as EventEnvelope).id);
  }
  return ids;
}

describe('identity while NATS is down', () => {
  it('takes every change through HTTP and, once NATS returns, puts each change event in the IDENTITY stream exactly once', async () => {
    // Before the outage: one registration, published.
    await register('1960-01-01', 'M', 'CERAI_MATI');
    await waitFor(async () => (await t.app.get(OutboxStats).pending()) === 0, 'the event recorded before the outage');

    await server.stop({ kill: true });
    await waitFor(() => !nats.isConnected(), 'the service to notice the outage');

    // The office keeps working.
    const husband = await register('1980-04-12', 'M', 'KAWIN_TERCATAT');
    const wife = await register('1984-09-30', 'F', 'KAWIN_TERCATAT');
    const child = await register('2012-01-20', 'F', 'BELUM_KAWIN');
    const grandmother = await register('1950-06-06', 'F', 'CERAI_MATI');
    const card = await call('POST', '/family-cards', { members: [{ residentId: husband.id, relationship: 1 }, { residentId: wife.id, relationship: 3 }] }, 201);
    const withChild = await call(
      'POST',
      `/family-cards/${card.id}/members`,
      { version: card.version, reason: 'MOVE_IN', residentId: child.id, relationship: 4, fatherResidentId: husband.id, motherResidentId: wife.id },
      200,
    );
    const withGrandmother = await call('POST', `/family-cards/${card.id}/members`, { version: withChild.version, reason: 'MOVE_IN', residentId: grandmother.id, relationship: 7 }, 200);
    await call('POST', `/family-cards/${card.id}/head`, { version: withGrandmother.version, newHeadResidentId: wife.id }, 200);
    const loner = await register('1975-05-05', 'M', 'BELUM_KAWIN');
    await call('PATCH', `/residents/${loner.id}`, { version: loner.version, occupation: 'Nelayan' }, 200);

    const expected = {
      [SUBJECTS.identity.residentRegistered]: 1 + 5,
      [SUBJECTS.identity.familyCardChanged]: 4,
      [SUBJECTS.identity.residentCorrected]: 1,
    };
    expect(await t.app.get(OutboxStats).pending()).toBe(5 + 4 + 1);
    const health = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, nats: { status: 'down' }, outbox: { pending: 10 }, consumers: { status: 'down' } } });

    await server.start();
    await waitFor(async () => (await t.app.get(OutboxStats).pending()) === 0, 'the outbox to drain after NATS returned', 40_000);

    expect(await streamCounts()).toEqual(expected);
    const outbox = await t.app.get(MikroORM).em.fork().find(OutboxEvent, {}, { orderBy: { id: 'asc' } });
    expect(outbox).toHaveLength(11);
    expect(await streamEventIds()).toEqual(outbox.map((e) => e.id));
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({ status: 'ok', checks: { nats: { status: 'up' }, outbox: { pending: 0 } } });
  });
});
