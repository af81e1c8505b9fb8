// NATS comes back after an outage: the births that waited for identity (202) are registered at once, not at their
// next backoff. The retry interval is set to ten minutes here, so only the reconnect can have registered them
// within the test's wait. (PostgreSQL, and a NATS server of the test's own so that it can be stopped.)
import { STREAMS } from '@adminduk/contracts';
import { NatsService } from '@adminduk/platform';
import { createDatabase, dropDatabase, startPrivateNatsServer, uniqueNatsPrefix, waitFor, type PrivateNatsServer, type TestApp } from '@adminduk/platform/testing';
import { BIRTH_DOCUMENTS, birthReport, bootDeeds, Caller, completeAndVerify, family, PARTNERS, type Reply } from './deed-fixtures';
import { deleteStream, REGISTER, startFakeIdentity } from './fake-identity';

jest.setTimeout(120_000);

let server: PrivateNatsServer;
let db: { name: string; url: string };
let deeds: TestApp;
let identity: TestApp;
let pustu: Caller;
let operator: Caller;
let registrar: Caller;
let kk = 40;

beforeAll(async () => {
  server = await startPrivateNatsServer();
  db = await createDatabase('deedsreconnect');
  const env = { NATS_URL: server.url, NATS_PREFIX: uniqueNatsPrefix('deeds-reconnect') };
  deeds = await bootDeeds({ ...env, DATABASE_URL: db.url, NATS_ENABLED: 'true' }, { DEEDS_IDENTITY_RETRY_MS: '600000', DEEDS_IDENTITY_TIMEOUT_MS: '3000' });
  await deeds.app.get(NatsService).ready();
  identity = await startFakeIdentity(env);
  pustu = Caller.partner(deeds, PARTNERS.pustuBoawae);
  operator = await Caller.user(deeds, ['operator'], ['531603'], 'op-boawae');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
}, 90_000);

afterAll(async () => {
  try {
    await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
    await identity?.close();
    await deeds?.close();
    await dropDatabase(db.name);
  } finally {
    await server?.dispose();
  }
}, 30_000);

async function verifiedBirth(): Promise<Reply> {
  const parents = family('531603');
  REGISTER.addFamily(`53160305012000${String(++kk).padStart(2, '0')}`, parents, '531603', '5316031001');
  const report = await pustu.ok('/notifications', birthReport(parents), 201);
  return completeAndVerify(operator, report.body.deedId, BIRTH_DOCUMENTS, { particulars: { child: { fullName: 'Anak Sambung', sex: 'F', religion: 'KATOLIK' } } });
}

it('registers every birth that waited during a NATS outage as soon as NATS is back', async () => {
  const births = [await verifiedBirth(), await verifiedBirth(), await verifiedBirth()];
  await server.stop();
  try {
    await waitFor(() => !deeds.app.get(NatsService).isConnected(), 'the deeds service to notice the outage');
    for (const birth of births) {
      const reply = await registrar.post(`/deeds/${birth.body.id}/register`, { version: birth.body.version });
      expect(reply.status).toBe(202);
      expect(reply.body).toMatchObject({ status: 'VERIFIED', waitingFor: 'IDENTITY' });
    }
  } finally {
    await server.start();
  }
  for (const birth of births) {
    const deed = await waitFor(async () => {
      const d = (await registrar.get(`/deeds/${birth.body.id}`)).body;
      return d.status === 'REGISTERED' ? d : undefined;
    }, 'the waiting birth to be registered after the reconnect', 60_000);
    expect(deed).toMatchObject({ waitingFor: null, deedVersion: 1 });
    expect(deed.deedNumber).toMatch(/^5316-KL-/);
  }
});
