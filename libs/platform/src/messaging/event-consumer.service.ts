/**
 * Runs the service's durable JetStream consumers (declared with @ConsumeEvent) from application bootstrap until
 * shutdown, when NATS is enabled.
 *
 * - One durable PULL consumer per handler, with explicit acks. Every instance of the service pulls from the same
 *   durable, so JetStream shares the events among them (work sharing). A new durable starts at the stream's
 *   first event.
 * - Each event is checked at the edge (envelope and payload schema) before the handler runs; a poison message
 *   goes to the dead letters at once.
 * - The handler and the inbox row are committed in one transaction (InboxService): exactly one effect per
 *   consumer, however often JetStream delivers the event.
 * - Events that are already waiting are handled in batches of up to `batch`: one transaction for the batch with a
 *   savepoint per event, so a backlog (an import's events, a consumer that was down) costs one commit per batch,
 *   not per event. A handler that fails rolls back its own savepoint only. When the consumer keeps up, batches
 *   hold one event and nothing waits for a batch to fill.
 * - A handler error is retried with a growing delay (nak with delay: backoffMs doubling per delivery, at most
 *   maxBackoffMs); after maxDeliveries the event is dead-lettered and terminated, so the rest flow on.
 * - Events of one consumer are handled one at a time per instance, in stream order, except that a retried event
 *   comes back after the ones behind it. A handler's changes become visible when its batch commits; work that
 *   must follow the commit (cache refreshes) is handed to `afterCommit`.
 * - While NATS is down the consumer waits; it resumes by itself (the client reconnects and pulls again).
 */
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from '@mikro-orm/core';
import { AckPolicy, DeliverPolicy, headers as natsHeaders, nanos, type ConsumerConfig, type ConsumerMessages, type JetStreamManager, type JsMsg } from 'nats';
import { HEADER_REQUEST_ID, type EventEnvelope, type EventSubject } from '@adminduk/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import { officeInstant } from '../time/office-instant';
import type { ServiceConfig } from '../config/service-config';
import { runInContext } from '../context/request-context';
import { requestIdOf } from '../logging/logging';
import { maskText } from '../logging/mask';
import { MetricsService } from '../metrics/metrics';
import { NatsService } from '../nats/nats.service';
import { CONSUME_EVENT, type ConsumeEventMetadata } from './consume-event.decorator';
import { DEAD_LETTER_HEADERS, deadLetterStream, deadLetterSubject, type DeadLetterReason } from './dead-letter';
import { parseEventMessage } from './event-envelope';
import { discoverMethods } from './handler-discovery';
import { InboxService, type BatchOutcome } from './inbox.service';
import { ensureStream, streamForSubject, type StreamDefinition } from './streams';

/** How long one pull request waits on the server; also bounds how long a consumer takes to notice a restarted server. */
const PULL_EXPIRES_MS = 5_000;
const DURABLE_NAME = /^[A-Za-z0-9_-]{1,100}$/;

export interface ConsumerStatus {
  readonly durable: string;
  readonly subject: EventSubject;
  /** True while the consumer is pulling events. */
  readonly consuming: boolean;
}

interface RunningConsumer {
  readonly durable: string;
  readonly subject: EventSubject;
  readonly stream: StreamDefinition;
  readonly maxDeliveries: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly ackWaitMs: number;
  readonly batch: number;
  readonly handle: (em: EntityManager, event: EventEnvelope<never>) => Promise<void>;
  consuming: boolean;
}

@Injectable()
export class EventConsumerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventConsumer');
  private consumers: RunningConsumer[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly active = new Set<ConsumerMessages>();
  private readonly stopped: Promise<void>;
  private signalStop!: () => void;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly nats: NatsService,
    private readonly inbox: InboxService,
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.stopped = new Promise((resolve) => (this.signalStop = resolve));
  }

  onApplicationBootstrap(): void {
    this.consumers = discoverMethods<ConsumeEventMetadata>(this.discovery, this.scanner, this.reflector, CONSUME_EVENT).map(({ metadata, fn, name }) =>
      this.define(metadata, fn as unknown as RunningConsumer['handle'], name),
    );
    const names = this.consumers.map((c) => c.durable);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`two @ConsumeEvent handlers use the durable name ${twice}`);
    if (!this.nats.enabled || this.consumers.length === 0) return;
    this.running = true;
    this.loops = this.consumers.map((c) => this.supervise(c));
  }

  /** Stops pulling, lets the events in hand finish, before NATS and the database close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signalStop();
    await Promise.all([...this.active].map((m) => m.close().catch(() => undefined)));
    await Promise.all(this.loops);
  }

  status(): ConsumerStatus[] {
    return this.consumers.map((c) => ({ durable: c.durable, subject: c.subject, consuming: c.consuming }));
  }

  /** Resolves once every consumer is pulling events (for tests and start-up scripts); rejects after `timeoutMs`. */
  async ready(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.consumers.every((c) => c.consuming)) {
      if (!this.running) throw new Error('the event consumers are not running (NATS disabled or the service stopped)');
      if (Date.now() > deadline) throw new Error(`event consumers not ready after ${timeoutMs} ms: ${this.consumers.filter((c) => !c.consuming).map((c) => c.durable).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private define(metadata: ConsumeEventMetadata, handle: RunningConsumer['handle'], name: string): RunningConsumer {
    const stream = streamForSubject(metadata.subject);
    if (!stream) throw new Error(`${name}: no stream in the contracts' STREAMS stores ${metadata.subject}`);
    if (!DURABLE_NAME.test(metadata.durable)) throw new Error(`${name}: durable name ${JSON.stringify(metadata.durable)} may hold only letters, digits, '-' and '_'`);
    const positive = (value: number | undefined, fallback: number, what: string): number => {
      if (value === undefined) return fallback;
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: ${what} must be a positive integer`);
      return value;
    };
    return {
      durable: metadata.durable,
      subject: metadata.subject,
      stream,
      maxDeliveries: positive(metadata.maxDeliveries, 10, 'maxDeliveries'),
      backoffMs: positive(metadata.backoffMs, 1_000, 'backoffMs'),
      maxBackoffMs: positive(metadata.maxBackoffMs, 300_000, 'maxBackoffMs'),
      ackWaitMs: positive(metadata.ackWaitMs, 30_000, 'ackWaitMs'),
      batch: positive(metadata.batch, 16, 'batch'),
      handle,
      consuming: false,
    };
  }

  /** Keeps one consumer pulling: (re)creates streams and the durable, consumes, and starts again after any failure. */
  private async supervise(c: RunningConsumer): Promise<void> {
    let delay = 500;
    while (this.running) {
      let messages: ConsumerMessages | undefined;
      try {
        const nc = await Promise.race([this.nats.ready(), this.stopped]);
        if (!nc || !this.running) break;
        const jsm = await nc.jetstreamManager();
        const stream = await ensureStream(jsm, this.nats, c.stream);
        await ensureStream(jsm, this.nats, deadLetterStream(this.config.service));
        await this.ensureConsumer(jsm, stream, c);
        const consumer = await nc.jetstream().consumers.get(stream, c.durable);
        messages = await consumer.consume({ max_messages: c.batch, expires: PULL_EXPIRES_MS });
        this.active.add(messages);
        if (!this.running) break;
        c.consuming = true;
        delay = 500;
        this.logger.log({ consumer: c.durable, subject: c.subject, stream }, 'consuming');
        await this.consumeInBatches(c, stream, messages);
      } catch (error) {
        if (this.running) this.logger.warn({ consumer: c.durable, err: error }, `consumer ${c.durable} stopped; starting again in ${delay} ms`);
      } finally {
        c.consuming = false;
        if (messages) {
          this.active.delete(messages);
          await messages.close().catch(() => undefined);
        }
      }
      if (!this.running) break;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay).unref()), this.stopped]);
      delay = Math.min(delay * 2, 30_000);
    }
  }

  private async ensureConsumer(jsm: JetStreamManager, stream: string, c: RunningConsumer): Promise<void> {
    const filter = this.nats.subject(c.subject);
    const ackWait = nanos(c.ackWaitMs);
    try {
      const info = await jsm.consumers.info(stream, c.durable);
      if (info.config.filter_subject !== filter) {
        throw new Error(`the durable consumer ${c.durable} of ${stream} already consumes ${info.config.filter_subject}, not ${filter}: choose another name`);
      }
      if (info.config.ack_wait !== ackWait) await jsm.consumers.update(stream, c.durable, { ack_wait: ackWait });
    } catch (error) {
      if (!String((error as Error)?.message).includes('consumer not found')) throw error;
      const config: Partial<ConsumerConfig> = {
        durable_name: c.durable,
        description: `${this.config.service}: ${c.subject}`,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: filter,
        ack_wait: ackWait,
        // Deliveries are counted here, not by the server: after maxDeliveries the event is dead-lettered.
        max_deliver: -1,
        max_ack_pending: 1_000,
      };
      await jsm.consumers.add(stream, config);
    }
  }

  /**
   * Takes the messages as they arrive and handles those already waiting together (at most `batch`). A pump moves
   * messages from the subscription into a small buffer and pauses while a full batch waits, so no more than
   * `batch` messages sit unhandled here (and the server's pull keeps at most `batch` more in flight).
   */
  private async consumeInBatches(c: RunningConsumer, stream: string, messages: ConsumerMessages): Promise<void> {
    const buffer: JsMsg[] = [];
    let ended = false;
    let failure: unknown;
    let arrived: (() => void) | undefined;
    let freed: (() => void) | undefined;
    const pump = (async () => {
      try {
        for await (const message of messages) {
          buffer.push(message);
          arrived?.();
          while (buffer.length >= c.batch) await new Promise<void>((resolve) => (freed = resolve));
        }
      } catch (error) {
        failure = error;
      } finally {
        ended = true;
        arrived?.();
      }
    })();
    for (;;) {
      if (buffer.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (arrived = resolve));
        arrived = undefined;
        continue;
      }
      const batch = buffer.splice(0, c.batch);
      const wake = freed;
      freed = undefined;
      wake?.();
      await this.handleBatch(c, stream, batch);
    }
    await pump;
    if (failure) throw failure;
  }

  /** Checks each message at the edge, then runs the handlers of the good ones in one transaction and settles each. */
  private async handleBatch(c: RunningConsumer, stream: string, batch: readonly JsMsg[]): Promise<void> {
    const ready: Ready[] = [];
    for (const m of batch) {
      const requestId = requestIdOf(m.headers?.get(HEADER_REQUEST_ID));
      try {
        const event = await this.admit(c, stream, m, requestId);
        if (event) ready.push({ m, event, requestId, at: { ...whereOf(c, m, requestId), eventId: event.id } });
      } catch (error) {
        this.couldNotSettle(c, [m], error, requestId);
      }
    }
    if (ready.length === 0) return;
    this.metrics.eventBatchSize.observe({ consumer: c.durable }, ready.length);
    let outcomes: BatchOutcome[];
    try {
      outcomes = await this.inbox.runBatch(
        c.durable,
        ready.map((r) => ({ id: r.event.id, subject: r.event.subject, ready: r })),
        (em, { ready: r }) => runInContext({ requestId: r.requestId, endpoint: c.subject }, () => c.handle(em, r.event as EventEnvelope<never>)),
        (error) => this.logger.warn({ consumer: c.durable, err: error }, 'a callback after the commit failed'),
      );
    } catch (error) {
      // Not a handler (their errors come back as outcomes): the transaction failed around them (the database went
      // away, the commit failed). Each event is retried like a failed handler, with the delay growing per delivery:
      // a flat delay would spend an event's deliveries within seconds of an outage and dead-letter it.
      for (const { m, at, requestId } of ready) {
        try {
          await this.retryOrDeadLetter(c, stream, m, error, at);
        } catch (settling) {
          this.couldNotSettle(c, [m], settling, requestId);
        }
      }
      return;
    }
    for (let i = 0; i < ready.length; i++) {
      const { m, at } = ready[i];
      const result = outcomes[i];
      try {
        if ('outcome' in result) this.settle(c, m, result.outcome, at);
        else await this.retryOrDeadLetter(c, stream, m, result.failed, at);
      } catch (error) {
        this.couldNotSettle(c, [m], error, ready[i].requestId);
      }
    }
  }

  /**
   * The edge check of one message: the envelope and payload, and the delivery count. Returns the event to handle,
   * or undefined when the message was settled here (dead-lettered, or acknowledged as already processed).
   */
  private async admit(c: RunningConsumer, stream: string, m: JsMsg, requestId: string): Promise<EventEnvelope | undefined> {
    const where = whereOf(c, m, requestId);
    const parsed = parseEventMessage(m.data, c.subject);
    if (!parsed.ok) {
      await this.deadLetter(c, stream, m, parsed.reason, parsed.detail, where);
      return undefined;
    }
    const event = parsed.envelope;
    const deliveries = m.info.redeliveryCount;
    if (deliveries > c.maxDeliveries) {
      const at = { ...where, eventId: event.id };
      // Earlier deliveries ended without a verdict (the instance stopped or the handler outlived ackWait).
      if (await this.inbox.hasProcessed(c.durable, event.id)) this.settle(c, m, 'duplicate', at);
      else await this.deadLetter(c, stream, m, 'DELIVERY_LIMIT_EXCEEDED', `delivered ${deliveries} times without an outcome`, at);
      return undefined;
    }
    return event;
  }

  /** A handler failed: delivered again after a growing delay, or dead-lettered after maxDeliveries. */
  private async retryOrDeadLetter(c: RunningConsumer, stream: string, m: JsMsg, error: unknown, at: object): Promise<void> {
    const deliveries = m.info.redeliveryCount;
    if (deliveries >= c.maxDeliveries) return this.deadLetter(c, stream, m, 'HANDLER_FAILED', errorText(error), at);
    const delay = Math.min(c.backoffMs * 2 ** (deliveries - 1), c.maxBackoffMs);
    m.nak(delay);
    this.metrics.messages.inc({ consumer: c.durable, subject: c.subject, outcome: 'retried' });
    this.logger.warn({ ...at, err: error, retryInMs: delay }, `handler failed (delivery ${deliveries} of ${c.maxDeliveries}); retrying`);
  }

  /** The database or NATS failed around the handlers: the messages are delivered again after backoffMs. */
  private couldNotSettle(c: RunningConsumer, messages: readonly JsMsg[], error: unknown, requestId: string): void {
    this.logger.warn({ consumer: c.durable, sequences: messages.map((m) => m.seq), requestId, err: error }, 'could not settle the events; they will be delivered again');
    for (const m of messages) {
      try {
        m.nak(c.backoffMs);
      } catch {
        // The connection is gone: JetStream delivers the event again after ackWait.
      }
    }
  }

  private settle(c: RunningConsumer, m: JsMsg, outcome: 'processed' | 'duplicate', at: object): void {
    m.ack();
    this.metrics.messages.inc({ consumer: c.durable, subject: c.subject, outcome });
    this.logger.debug({ ...at, outcome }, outcome === 'processed' ? 'event processed' : 'event already processed; acknowledged');
  }

  /** Copies the message to the dead letters and terminates it; if that fails, it is delivered again later. */
  private async deadLetter(c: RunningConsumer, stream: string, m: JsMsg, reason: DeadLetterReason, detail: string, at: object): Promise<void> {
    try {
      const h = natsHeaders();
      const requestId = m.headers?.get(HEADER_REQUEST_ID);
      if (requestId) h.set(HEADER_REQUEST_ID, requestId);
      h.set(DEAD_LETTER_HEADERS.reason, reason);
      h.set(DEAD_LETTER_HEADERS.detail, headerValue(detail));
      h.set(DEAD_LETTER_HEADERS.deliveries, String(m.info.redeliveryCount));
      h.set(DEAD_LETTER_HEADERS.consumer, c.durable);
      h.set(DEAD_LETTER_HEADERS.subject, c.subject);
      h.set(DEAD_LETTER_HEADERS.stream, stream);
      h.set(DEAD_LETTER_HEADERS.sequence, String(m.seq));
      h.set(DEAD_LETTER_HEADERS.at, officeInstant(new Date(), this.config.utcOffset));
      const js = await this.nats.jetstream();
      await js.publish(this.nats.subject(deadLetterSubject(this.config.service, c.subject)), m.data, {
        headers: h,
        // One dead letter per consumer and event, even if terminating fails and it is delivered again.
        msgID: `${stream}:${c.durable}:${m.seq}`,
        timeout: 5_000,
      });
      m.term();
      this.metrics.messages.inc({ consumer: c.durable, subject: c.subject, outcome: 'dead_lettered' });
      this.logger.error({ ...at, reason, detail: headerValue(detail) }, `event dead-lettered (${reason})`);
    } catch (error) {
      m.nak(Math.min(c.maxBackoffMs, 5_000));
      this.logger.warn({ ...at, reason, err: error }, 'could not dead-letter the event; it will be delivered again');
    }
  }
}

interface Ready {
  readonly m: JsMsg;
  readonly event: EventEnvelope;
  readonly requestId: string;
  readonly at: object;
}

function whereOf(c: RunningConsumer, m: JsMsg, requestId: string): object {
  return { consumer: c.durable, subject: c.subject, sequence: m.seq, deliveries: m.info.redeliveryCount, requestId };
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A header value: one line, personal data masked, at most 500 characters. */
function headerValue(text: string): string {
  return maskText(text).replace(/[\r\n]+/g, ' ').slice(0, 500);
}
