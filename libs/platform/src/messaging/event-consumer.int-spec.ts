// Outbox → JetStream → durable consumer on the machine's PostgreSQL and NATS (integration tier): each event
// takes effect exactly once per consumer, through redeliveries, duplicate publishes, retries, poison messages,
// dead letters and two instances sharing the consumer.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { headers as natsHeaders, type JetStreamManager, type StoredMsg } from 'nats';
import { HEADER_REQUEST_ID, STREAMS, SUBJECTS } from '@adminduk/contracts';
import { createDatabase, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '../testing';
import { recordRegistered, registeredPayload, startTallyApp, TALLY_DURABLE, TALLY_MAX_DELIVERIES, TallyEntry, TallyHandler, tallyRows } from '../testing/tally-consumer';
import { MetricsService } from '../metrics/metrics';
import { NatsService } from '../nats/nats.service';
import { uuidv7 } from '../ids/uuid-v7';
import { DEAD_LETTER_HEADERS, deadLetterStream } from './dead-letter';
import { EventConsumerService } from './event-consumer.service';
import { InboxMessage } from './inbox-message.entity';
import { afterCommit } from './after-commit';
import { InboxService } from './inbox.service';
import { OutboxService } from './outbox.service';
import { OutboxEvent } from './outbox-event.entity';

let db: { name: string; url: string };
let prefix: string;
let a: TestApp;
let b: TestApp | undefined;
let jsm: JetStreamManager;
let nats: NatsService;
let eventStream: string;
let deadLetters: string;

beforeAll(async () => {
  db = await createDatabase('messaging');
  prefix = uniqueNatsPrefix('msg');
  a = await startTallyApp('a', { DATABASE_URL: db.url, NATS_PREFIX: prefix });
  await a.app.get(EventConsumerService).ready();
  nats = a.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  eventStream = nats.streamName(STREAMS.identity.name);
  deadLetters = nats.streamName(deadLetterStream('tally').name);
}, 60_000);

afterAll(async () => {
  // Deleting the streams deletes their consumers.
  for (const stream of [eventStream, deadLetters]) await jsm?.streams.delete(stream).catch(() => undefined);
  await b?.close();
  await a?.close();
  await dropDatabase(db.name);
}, 30_000);

jest.setTimeout(20_000);

const handlerOf = (t: TestApp) => t.app.get(TallyHandler);
/** The event id of a stored message, if it is an envelope at all. */
const eventIdOf = (m: StoredMsg): string | undefined => {
  try {
    return m.json<{ id?: string }>().id;
  } catch {
    return undefined;
  }
};
/** How many consumer transactions the tally consumer ran, and how many of them held one event only. */
async function batchSizes(t: TestApp): Promise<{ count: number; single: number }> {
  const metric = await t.app.get(MetricsService).eventBatchSize.get();
  const mine = metric.values.filter((v) => v.labels.consumer === TALLY_DURABLE);
  const count = mine.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
  const single = mine.find((v) => v.metricName?.endsWith('_bucket') && (v.labels as Record<string, unknown>).le === 1)?.value ?? 0;
  return { count, single };
}
const rowsFor = async (t: TestApp, eventId: string) => (await tallyRows(t)).filter((r) => r.eventId === eventId);

async function outcomes(t: TestApp, outcome: string): Promise<number> {
  const metric = await t.app.get(MetricsService).messages.get();
  return metric.values.filter((v) => v.labels.outcome === outcome && v.labels.consumer === TALLY_DURABLE).reduce((n, v) => n + v.value, 0);
}

/** Waits until the consumer has acknowledged (or terminated) everything up to stream sequence `seq`. */
async function consumedUpTo(seq: number): Promise<void> {
  await waitFor(async () => (await jsm.consumers.info(eventStream, TALLY_DURABLE)).ack_floor.stream_seq >= seq, `the consumer to settle sequence ${seq}`);
}

async function deadLettersFor(which: (m: StoredMsg) => boolean): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(deadLetters);
  const found: StoredMsg[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(deadLetters, { seq }).catch(() => undefined);
    if (m && which(m)) found.push(m);
  }
  return found;
}

describe('outbox → JetStream → durable consumer', () => {
  it('delivers an event recorded in a transaction to the consumer, which applies it once with the request id', async () => {
    const payload = registeredPayload();
    const event = await recordRegistered(a, payload, 'req-first-event');
    const [row] = await waitFor(async () => {
      const rows = await rowsFor(a, event.id);
      return rows.length > 0 && rows;
    }, 'the effect of the event');
    expect(row).toMatchObject({ eventId: event.id, residentId: payload.residentId, requestId: 'req-first-event', instance: 'a' });
    const em = a.app.get(MikroORM).em.fork();
    expect(await em.count(InboxMessage, { consumer: TALLY_DURABLE, eventId: event.id })).toBe(1);
    expect((await em.findOneOrFail(OutboxEvent, { id: event.id })).publishedAt).toBeInstanceOf(Date);
  });

  it('has one effect when the relay publishes the same row again and when the event arrives twice', async () => {
    const event = await recordRegistered(a);
    await waitFor(async () => (await rowsFor(a, event.id)).length === 1, 'the first effect');
    const before = (await jsm.streams.info(eventStream)).state.messages;
    const duplicatesBefore = await outcomes(a, 'duplicate');

    // A relay that crashed between publishing and committing publishes the row again: JetStream drops it (same Nats-Msg-Id).
    const em = a.app.get(MikroORM).em.fork();
    await em.nativeUpdate(OutboxEvent, { id: event.id }, { publishedAt: null });
    await waitFor(async () => (await em.fork().findOneOrFail(OutboxEvent, { id: event.id })).publishedAt, 'the relay to publish the row again');
    expect((await jsm.streams.info(eventStream)).state.messages).toBe(before);

    // Beyond the duplicate window (another Nats-Msg-Id), the same event reaches the consumer again: the inbox drops it.
    const stored = await jsm.streams.getMessage(eventStream, { last_by_subj: nats.subject(SUBJECTS.identity.residentRegistered) });
    expect(stored.json<{ id: string }>().id).toBe(event.id);
    const js = await nats.jetstream();
    const again = await js.publish(nats.subject(SUBJECTS.identity.residentRegistered), stored.data, { msgID: uuidv7() });
    await consumedUpTo(again.seq);

    expect(await rowsFor(a, event.id)).toHaveLength(1);
    expect(await outcomes(a, 'duplicate')).toBe(duplicatesBefore + 1);
  });

  it('has one effect when JetStream redelivers an event whose handler outlived the ack wait', async () => {
    const payload = registeredPayload();
    handlerOf(a).plan.set(payload.residentId, { slowFirstMs: 3_500 }); // ackWaitMs is 2 000
    const duplicatesBefore = await outcomes(a, 'duplicate');
    const event = await recordRegistered(a, payload);
    await waitFor(async () => (await outcomes(a, 'duplicate')) > duplicatesBefore, 'the redelivered copy to be recognised', 15_000);
    expect(await rowsFor(a, event.id)).toHaveLength(1);
    expect(handlerOf(a).calls.get(payload.residentId)).toBe(1);
  });

  // The handler fails, or the transaction fails around it (connection cut): either way the event is retried with
  // the growing delay (dead letter only after maxDeliveries), not re-delivered flat, and takes effect once.
  it.each([
    ['a handler that fails twice', { failTimes: 2 }],
    ['a transaction cut around the handler twice (connection lost)', { cutConnectionTimes: 2 }],
  ] as const)('retries %s with a growing delay, with one effect in the end', async (_what, plan) => {
    const payload = registeredPayload();
    handlerOf(a).plan.set(payload.residentId, plan);
    const retriedBefore = await outcomes(a, 'retried');
    const event = await recordRegistered(a, payload);
    await waitFor(async () => (await rowsFor(a, event.id)).length > 0, 'the effect after two failures');
    expect(handlerOf(a).calls.get(payload.residentId)).toBe(3);
    expect(await outcomes(a, 'retried')).toBe(retriedBefore + 2);
    expect(await rowsFor(a, event.id)).toHaveLength(1);
    expect(await deadLettersFor((m) => eventIdOf(m) === event.id)).toEqual([]);
  });

  it('sends poison messages to the dead letters at once, and the following events are still processed', async () => {
    const js = await nats.jetstream();
    const subject = nats.subject(SUBJECTS.identity.residentRegistered);
    const h = natsHeaders();
    h.set(HEADER_REQUEST_ID, 'req-poison');
    const garbage = await js.publish(subject, new TextEncoder().encode('{"id": not json'), { msgID: uuidv7(), headers: h });
    const badPayload = { id: uuidv7(), subject: SUBJECTS.identity.residentRegistered, occurredAt: new Date().toISOString(), producer: 'identity', payload: { ...registeredPayload(), nik: '12345' } };
    const invalid = await js.publish(subject, new TextEncoder().encode(JSON.stringify(badPayload)), { msgID: badPayload.id });
    const good = [await recordRegistered(a), await recordRegistered(a)];

    for (const event of good) await waitFor(async () => (await rowsFor(a, event.id)).length === 1, 'the good events after the poison');
    await consumedUpTo(invalid.seq);

    const [garbageLetter] = await deadLettersFor((m) => m.header.get(DEAD_LETTER_HEADERS.sequence) === String(garbage.seq));
    expect(garbageLetter?.header.get(DEAD_LETTER_HEADERS.reason)).toBe('MALFORMED_MESSAGE');
    expect(garbageLetter?.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('1');
    expect(garbageLetter?.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(TALLY_DURABLE);
    expect(garbageLetter?.header.get(DEAD_LETTER_HEADERS.subject)).toBe(SUBJECTS.identity.residentRegistered);
    expect(garbageLetter?.header.get(HEADER_REQUEST_ID)).toBe('req-poison');
    expect(garbageLetter?.subject).toBe(nats.subject(`deadletter.tally.${SUBJECTS.identity.residentRegistered}`));
    expect(new TextDecoder().decode(garbageLetter?.data)).toBe('{"id": not json');

    const [invalidLetter] = await deadLettersFor((m) => m.header.get(DEAD_LETTER_HEADERS.sequence) === String(invalid.seq));
    expect(invalidLetter?.header.get(DEAD_LETTER_HEADERS.reason)).toBe('INVALID_PAYLOAD');
    expect(invalidLetter?.header.get(DEAD_LETTER_HEADERS.detail)).toContain('payload.nik');
    expect(invalidLetter?.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('1');
    expect(await a.app.get(MikroORM).em.fork().count(InboxMessage, { eventId: badPayload.id })).toBe(0);
  });

  it(`dead-letters an event whose handler fails ${TALLY_MAX_DELIVERIES} times, and the rest flow on`, async () => {
    const doomed = registeredPayload();
    handlerOf(a).plan.set(doomed.residentId, { alwaysFail: true });
    const event = await recordRegistered(a, doomed);
    const next = await recordRegistered(a);
    await waitFor(async () => (await rowsFor(a, next.id)).length === 1, 'the event behind the failing one');
    const [letter] = await waitFor(async () => {
      const letters = await deadLettersFor((m) => eventIdOf(m) === event.id);
      return letters.length > 0 && letters;
    }, 'the dead letter');
    expect(letter?.header.get(DEAD_LETTER_HEADERS.reason)).toBe('HANDLER_FAILED');
    expect(letter?.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe(String(TALLY_MAX_DELIVERIES));
    expect(letter?.header.get(DEAD_LETTER_HEADERS.detail)).toContain('simulated failure');
    expect(handlerOf(a).calls.get(doomed.residentId)).toBe(TALLY_MAX_DELIVERIES);
    expect(await rowsFor(a, event.id)).toEqual([]);
    // Terminated: not delivered again. The termination leaves after the dead letter is stored and is not awaited,
    // so the consumer is expected to settle within a moment, with the doomed event never handled again.
    const info = await waitFor(async () => {
      const now = await jsm.consumers.info(eventStream, TALLY_DURABLE);
      return now.num_ack_pending + now.num_pending === 0 && now;
    }, 'the consumer to settle', 5_000);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    expect(handlerOf(a).calls.get(doomed.residentId)).toBe(TALLY_MAX_DELIVERIES);
  });

  it('handles a backlog in batches: one transaction for several events, and a failing event rolls back alone', async () => {
    const slow = registeredPayload();
    handlerOf(a).plan.set(slow.residentId, { slowFirstMs: 500 }); // the events behind it pile up meanwhile
    const doomed = registeredPayload();
    handlerOf(a).plan.set(doomed.residentId, { alwaysFail: true });
    const payloads = [slow, ...Array.from({ length: 12 }, () => registeredPayload()), doomed, ...Array.from({ length: 12 }, () => registeredPayload())];
    const batchesBefore = await batchSizes(a);
    // One transaction records all of them, so the relay publishes them together.
    const orm = a.app.get(MikroORM);
    const outbox = a.app.get(OutboxService);
    const events = await orm.em.fork().transactional(async (tx) => payloads.map((p) => outbox.record(tx, SUBJECTS.identity.residentRegistered, p)));
    const good = events.filter((_, i) => payloads[i] !== doomed);
    for (const event of good) await waitFor(async () => (await rowsFor(a, event.id)).length === 1, 'the good events of the backlog');
    const doomedEvent = events[payloads.indexOf(doomed)];
    await waitFor(async () => (await deadLettersFor((m) => eventIdOf(m) === doomedEvent.id)).length === 1, 'the failing event to be dead-lettered');

    expect(await rowsFor(a, doomedEvent.id)).toEqual([]);
    expect(await orm.em.fork().count(InboxMessage, { consumer: TALLY_DURABLE, eventId: doomedEvent.id })).toBe(0);
    expect(await orm.em.fork().count(InboxMessage, { consumer: TALLY_DURABLE, eventId: { $in: good.map((e) => e.id) } })).toBe(good.length);
    const after = await batchSizes(a);
    const transactions = after.count - batchesBefore.count;
    // Fewer transactions than events, and at least one of them held several events.
    expect(transactions).toBeLessThan(good.length);
    expect(after.single - batchesBefore.single).toBeLessThan(transactions);
  });

  it('commits a batch with a savepoint per event and runs afterCommit callbacks of the committed events only, after the commit', async () => {
    const inbox = a.app.get(InboxService);
    const events = [1, 2, 3].map(() => ({ id: uuidv7(), subject: SUBJECTS.identity.residentRegistered }));
    const calls: string[] = [];
    const outcomes = await inbox.runBatch(
      'batch-consumer',
      events,
      async (em, event) => {
        expect(calls).toEqual([]); // nothing runs before the commit
        em.persist(em.create(TallyEntry, { eventId: event.id, residentId: uuidv7(), instance: 'batch' }));
        afterCommit(() => calls.push(event.id));
        if (event === events[1]) {
          await em.flush(); // its row reaches the database, then the savepoint is rolled back
          throw new Error('the second one fails');
        }
      },
      () => undefined,
    );
    expect(outcomes.map((o) => ('outcome' in o ? o.outcome : `failed: ${(o.failed as Error).message}`))).toEqual(['processed', 'failed: the second one fails', 'processed']);
    expect(calls).toEqual([events[0].id, events[2].id]);
    for (const [i, event] of events.entries()) expect(await rowsFor(a, event.id)).toHaveLength(i === 1 ? 0 : 1);
    const em = a.app.get(MikroORM).em.fork();
    expect(await em.count(InboxMessage, { consumer: 'batch-consumer' })).toBe(2);
    // The same batch again: both committed events are duplicates, the failed one is handled now.
    const again = await inbox.runBatch('batch-consumer', events, async (tx, event) => void tx.persist(tx.create(TallyEntry, { eventId: event.id, residentId: uuidv7(), instance: 'batch' })), () => undefined);
    expect(again.map((o) => ('outcome' in o ? o.outcome : 'failed'))).toEqual(['duplicate', 'processed', 'duplicate']);
    for (const event of events) expect(await rowsFor(a, event.id)).toHaveLength(1);
  });

  it('lets one of two simultaneous deliveries of an event take effect, the other waits and sees the duplicate', async () => {
    const event = { id: uuidv7(), subject: SUBJECTS.identity.residentRegistered };
    let calls = 0;
    const effect = async (em: EntityManager) => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 300)); // the other delivery arrives meanwhile
      em.persist(em.create(TallyEntry, { eventId: event.id, residentId: uuidv7(), instance: 'race' }));
    };
    const inbox = a.app.get(InboxService);
    const results = await Promise.all([inbox.runOnce('race-consumer', event, effect), inbox.runOnce('race-consumer', event, effect)]);
    expect(results.sort()).toEqual(['duplicate', 'processed']);
    expect(calls).toBe(1);
    expect(await rowsFor(a, event.id)).toHaveLength(1);
  });

  it('shares one durable consumer between two instances, and each event takes effect once', async () => {
    b = await startTallyApp('b', { DATABASE_URL: db.url, NATS_PREFIX: prefix });
    await b.app.get(EventConsumerService).ready();
    const events = await Promise.all(Array.from({ length: 40 }, () => recordRegistered(a)));
    const ids = new Set(events.map((e) => e.id));
    const rows = await waitFor(async () => {
      const all = (await tallyRows(a)).filter((r) => ids.has(r.eventId));
      return all.length >= ids.size && all;
    }, 'the effects of 40 events');
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r: TallyEntry) => r.eventId)).size).toBe(40);
    const processed = (await outcomes(a, 'processed')) + (await outcomes(b, 'processed'));
    expect(processed).toBeGreaterThanOrEqual(40);
    // Both instances pulled from the one durable consumer (JetStream hands each pull its share).
    expect(rows.filter((r) => r.instance === 'a').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.instance === 'b').length).toBeGreaterThan(0);
    expect((await jsm.consumers.info(eventStream, TALLY_DURABLE)).num_pending).toBe(0);
    expect(await b.app.get(MikroORM).em.fork().count(InboxMessage, { consumer: TALLY_DURABLE, eventId: { $in: [...ids] } })).toBe(40);
  });
});
