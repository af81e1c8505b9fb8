// NATS stops in the middle of a run (a private nats-server, so nobody else is disturbed): the service keeps
// committing its changes with their events, and when NATS returns the relay and the consumer resume by
// themselves and every event takes effect exactly once, in order.
import { MikroORM } from '@mikro-orm/core';
import { STREAMS } from '@adminduk/contracts';
import { createDatabase, dropDatabase, startPrivateNatsServer, uniqueNatsPrefix, waitFor, type PrivateNatsServer, type TestApp } from '../testing';
import { recordRegistered, startTallyApp, TALLY_DURABLE, tallyRows } from '../testing/tally-consumer';
import { NatsService } from '../nats/nats.service';
import { deadLetterStream } from './dead-letter';
import { EventConsumerService } from './event-consumer.service';
import { InboxMessage } from './inbox-message.entity';
import { OutboxStats } from './outbox-stats';

jest.setTimeout(45_000);

let server: PrivateNatsServer;
let db: { name: string; url: string };
let t: TestApp;
let nats: NatsService;

beforeAll(async () => {
  server = await startPrivateNatsServer();
  db = await createDatabase('outage');
  t = await startTallyApp('a', { DATABASE_URL: db.url, NATS_URL: server.url, NATS_PREFIX: uniqueNatsPrefix('outage') });
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

describe('NATS stopped during a run', () => {
  it.each([
    ['stops', false],
    ['crashes', true],
  ])('when NATS %s, keeps the events recorded meanwhile and delivers each exactly once, in order, when it returns', async (_how, crash) => {
    const already = (await tallyRows(t)).length;
    const seqBefore = (await (await nats.jetstreamManager()).streams.info(nats.streamName(STREAMS.identity.name))).state.last_seq;
    const before = await recordRegistered(t);
    await waitFor(async () => (await tallyRows(t)).length === already + 1, 'the event recorded before the outage');

    await server.stop({ kill: crash });
    await waitFor(() => !nats.isConnected(), 'the service to notice the outage');
    const during = [];
    for (let i = 0; i < 20; i++) during.push(await recordRegistered(t)); // each transaction commits
    expect(await t.app.get(OutboxStats).pending()).toBe(20);
    const health = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', checks: { nats: { status: 'down' }, outbox: { pending: 20 } } });

    await server.start();
    const rows = await waitFor(async () => {
      const all = await tallyRows(t);
      return all.length >= already + 21 && all.slice(already);
    }, 'every event after NATS returned', 25_000);

    expect(rows.map((r) => r.eventId)).toEqual([before.id, ...during.map((e) => e.id)]);
    expect(await t.app.get(OutboxStats).pending()).toBe(0);
    expect(await t.app.get(MikroORM).em.fork().count(InboxMessage, { consumer: TALLY_DURABLE })).toBe(already + 21);
    // An acknowledgement leaves after the commit and is not awaited, so the tally can show the last row a moment
    // before the server has counted its ack (CI saw num_ack_pending 1 here once); an ack lost in the crash is
    // redelivered after ackWait (2 s) and acknowledged as a duplicate. So the consumer is expected to settle, not to
    // have settled already — and nothing may be delivered twice into the tally (checked above).
    const jsm = await nats.jetstreamManager();
    const consumer = await waitFor(async () => {
      const info = await jsm.consumers.info(nats.streamName(STREAMS.identity.name), TALLY_DURABLE);
      return info.num_pending + info.num_ack_pending === 0 && info;
    }, 'the consumer to have every event acknowledged', 10_000);
    expect(consumer.delivered.stream_seq).toBe(seqBefore + 21);
    expect((await tallyRows(t)).length).toBe(already + 21);
  });
});
