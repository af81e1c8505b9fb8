/**
 * Relays outbox rows to JetStream, in id order (UUIDv7: creation order), and marks them published. Several
 * instances may run: on PostgreSQL each claims its batch with FOR UPDATE SKIP LOCKED. A publish carries the
 * event id as Nats-Msg-Id, so a row published twice (a crash between publish and commit) is dropped by
 * JetStream's duplicate window and, beyond it, by the consumers' inbox.
 *
 * When NATS is down the rows wait and the relay resumes as soon as the connection returns. A publish that fails
 * while connected (a stream electing a new leader after a cluster node died, JetStream briefly unavailable) is
 * retried with backoff, 0.5 s doubling to 5 s: such failures last seconds, and a longer pause left a cluster's
 * last events waiting up to 30 s after the load had stopped (found by the fault suite's cluster scenario).
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LockMode, MikroORM } from '@mikro-orm/core';
import { headers as natsHeaders, JSONCodec } from 'nats';
import { HEADER_REQUEST_ID, producerOf, type EventEnvelope } from '@adminduk/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { databaseKind } from '../database/mikro-orm-config';
import { NatsService } from '../nats/nats.service';
import { officeInstant } from '../time/office-instant';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxSignal } from './outbox-signal';
import { ensureStream, type StreamDefinition } from './streams';

export const OUTBOX_STREAMS = Symbol('OUTBOX_STREAMS');

const codec = JSONCodec<EventEnvelope>();
const BATCH = 200;

/** The longest pause between retries of a failing publish while connected. */
export const MAX_RETRY_DELAY_MS = 5_000;

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private streamsReady = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly nats: NatsService,
    private readonly signal: OutboxSignal,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(OUTBOX_STREAMS) private readonly streams: readonly StreamDefinition[],
  ) {}

  onApplicationBootstrap(): void {
    if (!this.nats.enabled) return;
    this.running = true;
    this.signal.onSignal(() => this.wake?.());
    this.loop = this.run();
  }

  /** Stops before NATS and the database close (onApplicationShutdown), so a batch in hand is finished or rolled back cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let delay = 500;
    while (this.running) {
      let published = 0;
      try {
        if (this.nats.isConnected()) {
          if (!this.streamsReady) await this.ensureStreams();
          published = await this.relayBatch();
          delay = 500;
        }
      } catch (error) {
        this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
        await this.sleep(delay);
        continue;
      }
      if (published < BATCH) await this.sleep(published === 0 ? 1000 : 0);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async ensureStreams(): Promise<void> {
    const jsm = await this.nats.jetstreamManager();
    for (const stream of this.streams) await ensureStream(jsm, this.nats, stream);
    this.streamsReady = true;
  }

  /** Publishes one batch; returns how many events were published. Exposed for tests and tools. */
  async relayBatch(): Promise<number> {
    const js = await this.nats.jetstream();
    const em = this.orm.em.fork();
    const sqlite = databaseKind(this.config.databaseUrl) === 'sqlite';
    let failure: unknown;
    const count = await em.transactional(async (tx) => {
      const events = await tx.find(
        OutboxEvent,
        { publishedAt: null },
        { orderBy: { id: 'asc' }, limit: BATCH, ...(sqlite ? {} : { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE }) },
      );
      let published = 0;
      for (const event of events) {
        const h = natsHeaders();
        if (event.requestId) h.set(HEADER_REQUEST_ID, event.requestId);
        const envelope: EventEnvelope = {
          id: event.id,
          subject: event.subject,
          // At the office's offset, like every instant that leaves a service (time/office-instant.ts).
          occurredAt: officeInstant(event.occurredAt, this.config.utcOffset),
          producer: producerOf(event.subject),
          payload: event.payload,
        };
        try {
          await js.publish(this.nats.subject(event.subject), codec.encode(envelope), { msgID: event.id, headers: h, timeout: 5000 });
        } catch (error) {
          // Keep what was published, note the failure, and stop here so that order is kept.
          event.attempts += 1;
          event.lastError = String((error as Error).message).slice(0, 500);
          failure = error;
          break;
        }
        event.publishedAt = new Date();
        event.attempts += 1;
        published++;
      }
      return published;
    });
    if (failure) throw failure;
    return count;
  }
}
