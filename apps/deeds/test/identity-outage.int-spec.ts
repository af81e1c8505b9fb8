// Identity unreachable (integration tier: PostgreSQL, and a NATS server of the test's own so that it can be
// stopped): a registrar registers a birth while identity cannot be asked — no identity instance answers
// (NATS_UNAVAILABLE), identity answers too late (TIMEOUT), or NATS itself is down. The registration waits: 202,
// the record stays VERIFIED with waitingFor IDENTITY, nothing is registered or published. When identity answers
// again, the retry job registers it, once, in the registrar's name, and the birth deed reaches the stream once.
import { MikroORM } from '@mikro-orm/core';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxEvent, OutboxStats } from '@adminduk/platform';
import { waitFor, type PrivateNatsServer, type TestApp } from '@adminduk/platform/testing';
import type { Caller, Reply } from './deed-fixtures';
import { REGISTER, startFakeIdentity, streamMessages } from './fake-identity';
import { startIdentityLinkBed, type IdentityLinkBed } from './identity-link-bed';

jest.setTimeout(60_000);

let bed: IdentityLinkBed | undefined;
let server: PrivateNatsServer;
let env: Record<string, string>;
let deeds: TestApp;
let identity: TestApp | undefined;
let registrar: Caller;

beforeAll(async () => {
  bed = await startIdentityLinkBed('deeds-outage', { DEEDS_IDENTITY_RETRY_MS: '250', DEEDS_IDENTITY_TIMEOUT_MS: '300' }, 10);
  ({ server, env, deeds, registrar } = bed);
}, 60_000);

afterAll(() => bed?.close(identity), 30_000);

/** A verified birth of a family identity knows (once it answers). */
const verifiedBirth = () => (bed as IdentityLinkBed).verifiedBirth({ fullName: 'Anak Menunggu', sex: 'M' });

const birthEventsInOutbox = async (deedId: string) =>
  (await deeds.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.deeds.birthRegistered })).filter((e) => (e.payload as { deedId: string }).deedId === deedId);

/** The record as a registrar sees it. */
const deedOf = async (id: string) => (await registrar.get(`/deeds/${id}`)).body;

async function expectWaiting(reply: Reply, verified: Reply, reason: string): Promise<void> {
  expect(reply.status).toBe(202);
  expect(reply.body).toMatchObject({ status: 'VERIFIED', waitingFor: 'IDENTITY', waitReason: reason, deedNumber: null, version: verified.body.version });
  // when it is tried next, written like every instant: at the office's offset with milliseconds
  expect(reply.body.nextRetryAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  expect(await birthEventsInOutbox(verified.body.id)).toEqual([]);
}

async function expectRegisteredOnce(id: string): Promise<void> {
  const registered = await waitFor(async () => {
    const deed = await deedOf(id);
    return deed.status === 'REGISTERED' ? deed : undefined;
  }, 'the waiting registration to be completed');
  expect(registered).toMatchObject({ waitingFor: null, waitReason: null, deedVersion: 1 });
  expect(registered.deedNumber).toMatch(/^5316-KL-/);
  expect(registered.history.at(-1)).toMatchObject({ type: 'REGISTER', role: 'REGISTRAR', by: 'pejabat-pencatatan-sipil' });
  expect(await birthEventsInOutbox(id)).toHaveLength(1);
  await waitFor(async () => (await deeds.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');
  const inStream = (await streamMessages(deeds.app.get(NatsService), STREAMS.deeds.name)).filter((m) => m.subject === SUBJECTS.deeds.birthRegistered && m.envelope.payload.deedId === id);
  expect(inStream).toHaveLength(1);
}

describe('a birth registered while identity cannot be asked', () => {
  it('no identity instance answers: the birth waits (202), is listed as waiting, and is registered once identity is back', async () => {
    const verified = await verifiedBirth();
    const reply = await registrar.post(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
    await expectWaiting(reply, verified, 'NATS_UNAVAILABLE');
    const waiting = await registrar.get('/deeds?waitingFor=IDENTITY');
    expect(waiting.body.items.map((i: { id: string }) => i.id)).toContain(verified.body.id);

    // Nothing happens while identity stays away; then it starts.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await deedOf(verified.body.id)).status).toBe('VERIFIED');
    identity = await startFakeIdentity(env);
    await expectRegisteredOnce(verified.body.id);
  });

  it('identity answers too late: TIMEOUT, the birth waits, and is registered when identity answers in time', async () => {
    REGISTER.delayMs = 1_000;
    try {
      const verified = await verifiedBirth();
      const reply = await registrar.post(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
      await expectWaiting(reply, verified, 'TIMEOUT');
      REGISTER.delayMs = 0;
      await expectRegisteredOnce(verified.body.id);
    } finally {
      REGISTER.delayMs = 0;
    }
  });

  it('NATS itself is down: the birth waits; once NATS is back, it is registered and its deed published once', async () => {
    const verified = await verifiedBirth();
    await server.stop();
    try {
      await waitFor(() => !deeds.app.get(NatsService).isConnected(), 'the deeds service to notice the outage');
      const reply = await registrar.post(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
      await expectWaiting(reply, verified, 'NATS_UNAVAILABLE');
      // A registrar asking again while it waits changes nothing.
      const again = await registrar.post(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
      await expectWaiting(again, verified, 'NATS_UNAVAILABLE');
    } finally {
      await server.start();
    }
    await expectRegisteredOnce(verified.body.id);
  });
});
