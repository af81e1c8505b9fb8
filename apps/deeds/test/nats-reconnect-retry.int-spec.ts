// NATS comes back after an outage: the births that waited for identity (202) are registered at once, not at their
// next backoff. The retry interval is set to ten minutes here, so only the reconnect can have registered them
// within the test's wait. (PostgreSQL, and a NATS server of the test's own so that it can be stopped.)
import { NatsService } from '@adminduk/platform';
import { waitFor, type PrivateNatsServer, type TestApp } from '@adminduk/platform/testing';
import type { Caller } from './deed-fixtures';
import { startFakeIdentity } from './fake-identity';
import { startIdentityLinkBed, type IdentityLinkBed } from './identity-link-bed';

jest.setTimeout(120_000);

let bed: IdentityLinkBed | undefined;
let server: PrivateNatsServer;
let deeds: TestApp;
let identity: TestApp | undefined;
let registrar: Caller;

beforeAll(async () => {
  bed = await startIdentityLinkBed('deeds-reconnect', { DEEDS_IDENTITY_RETRY_MS: '600000', DEEDS_IDENTITY_TIMEOUT_MS: '3000' }, 40);
  ({ server, deeds, registrar } = bed);
  identity = await startFakeIdentity(bed.env);
}, 90_000);

afterAll(() => bed?.close(identity), 30_000);

const verifiedBirth = () => (bed as IdentityLinkBed).verifiedBirth({ fullName: 'Anak Sambung', sex: 'F' });

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
