// GET /health/ready reports the event consumers (a real @ConsumeEvent handler, a NATS server of the test's own):
// each durable and whether it pulls; a consumer that does not pull, like NATS down, makes the status 'degraded'
// but never 503 (the instance keeps taking requests; its events wait in JetStream). Without NATS the consumers
// are 'disabled' and the service is 'ok'.
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { createDatabase, createTestApp, dropDatabase, startPrivateNatsServer, uniqueNatsPrefix, waitFor, type PrivateNatsServer, type TestApp } from '../testing';
import { startTallyApp, TALLY_DURABLE, TallyModule } from '../testing/tally-consumer';
import { NatsService } from '../nats/nats.service';
import { deadLetterStream } from '../messaging/dead-letter';
import { EventConsumerService } from '../messaging/event-consumer.service';

jest.setTimeout(60_000);

let server: PrivateNatsServer;
let db: { name: string; url: string };
let t: TestApp;
let nats: NatsService;

beforeAll(async () => {
  server = await startPrivateNatsServer();
  db = await createDatabase('health');
  t = await startTallyApp('a', { DATABASE_URL: db.url, NATS_URL: server.url, NATS_PREFIX: uniqueNatsPrefix('health') });
  nats = t.app.get(NatsService);
  await t.app.get(EventConsumerService).ready();
});

afterAll(async () => {
  try {
    if (server?.running && nats) {
      const jsm = await nats.jetstreamManager();
      for (const name of [STREAMS.identity.name, deadLetterStream('tally').name]) await jsm.streams.delete(nats.streamName(name)).catch(() => undefined);
    }
    await t?.close();
  } finally {
    await server?.dispose();
    if (db) await dropDatabase(db.name);
  }
});

const ready = async (app: TestApp = t) => {
  const res = await app.app.inject({ method: 'GET', url: '/health/ready' });
  return { status: res.statusCode, body: res.json() as { status: string; checks: Record<string, unknown> } };
};

describe('GET /health/ready and the event consumers', () => {
  it('reports each consumer pulling, and ok', async () => {
    expect(await ready()).toEqual({
      status: 200,
      body: expect.objectContaining({
        status: 'ok',
        checks: expect.objectContaining({
          nats: { status: 'up', connected: true },
          consumers: { status: 'up', items: [{ durable: TALLY_DURABLE, subject: SUBJECTS.identity.residentRegistered, consuming: true }] },
        }),
      }),
    });
  });

  it('stays ready (200) but degraded while NATS is down and the consumer cannot pull, and is ok again when it pulls', async () => {
    await server.stop();
    const down = await waitFor(async () => {
      const r = await ready();
      return (r.body.checks.consumers as { status: string }).status === 'down' && r;
    }, 'the consumer to stop pulling');
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, consumers: { items: [{ durable: TALLY_DURABLE, consuming: false }] } } });

    await server.start();
    await t.app.get(EventConsumerService).ready(30_000);
    await waitFor(async () => (await ready()).body.status === 'ok', 'the service to be ok again', 30_000);
  });

  it("reports the consumers as 'disabled' and the service ok when NATS is off", async () => {
    const off = await createTestApp('tally', (c) => TallyModule.forRoot(c, 'off'), { title: 'tally', description: 'messaging test service', version: '0' }, { DEV_SCHEMA_SYNC: 'true' });
    try {
      expect(await ready(off)).toEqual({
        status: 200,
        body: expect.objectContaining({
          status: 'ok',
          checks: expect.objectContaining({ nats: { status: 'disabled', connected: false }, consumers: { status: 'disabled', items: [{ durable: TALLY_DURABLE, subject: SUBJECTS.identity.residentRegistered, consuming: false }] } }),
        }),
      });
    } finally {
      await off.close();
    }
  });
});
