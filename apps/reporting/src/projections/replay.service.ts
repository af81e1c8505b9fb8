/**
 * Rebuilds the read models from the JetStream history (POST /replay, or `node dist/apps/reporting/main.js replay`).
 *
 * 1. Note each stream's last sequence, and read it from its first event with an ephemeral pull consumer up to
 *    that sequence, folding every projected event in memory (facts.ts). An event that breaks its contract is
 *    skipped and counted (the live consumer dead-letters it).
 * 2. In ONE transaction: empty the read models (residents, deed records, visits, and the agreement use the streams
 *    reported — the reporting service's own use is in no stream and stays) and write the rebuilt rows in batches. A
 *    reader sees the old figures or the new ones, never half.
 * 3. Catch up: the events published meanwhile (after the noted sequences) are applied again through the live
 *    path. The folds are idempotent and independent of order, so an event the durable consumers took during the
 *    replay counts once whether the replay or the consumer (or both) applied it.
 * The durable consumers are not touched: they go on from where they are. One replay at a time per instance.
 * Over HTTP it changes what everyone in the regency reads: the caller's region scope must cover the whole regency
 * (403 REGENCY_SCOPE_REQUIRED otherwise; the command line is the operator's own).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, type EntityName } from '@mikro-orm/core';
import { AckPolicy, DeliverPolicy, nanos, type JsMsg } from 'nats';
import { STREAMS, type EventEnvelope, type EventPayloads } from '@adminduk/contracts';
import { NatsService, parseEventMessage, Problem, requireRegencyScope, SERVICE_CONFIG, type Principal, type ServiceConfig } from '@adminduk/platform';
import { AgreementUse, OWN_USE_SERVICE } from './agreement-use.entity';
import { DeedFact } from './deed-fact.entity';
import { isProjectedSubject, ProjectionEventsService, ProjectionMemory, type ProjectedSubject } from './projection-events.service';
import { ResidentFact } from './resident-fact.entity';
import { VisitFact } from './visit-fact.entity';

export interface ReplayReport {
  /** Events read per stream (all subjects) and the last sequence read. */
  readonly streams: readonly { readonly stream: string; readonly lastSequence: number; readonly events: number }[];
  readonly projected: number;
  /** Events that break their contract (left out, as the live consumers dead-letter them). */
  readonly skipped: number;
  readonly caughtUp: number;
  readonly rows: { readonly residents: number; readonly deeds: number; readonly visits: number; readonly agreementUses: number };
  readonly millis: number;
}

@Injectable()
export class ReplayService {
  private readonly logger = new Logger('Replay');
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly nats: NatsService,
    private readonly projection: ProjectionEventsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** POST /replay: the replay, for a caller whose scope covers the whole regency. */
  replayFor(principal: Principal): Promise<ReplayReport> {
    requireRegencyScope(principal, this.config.regencyCode, 'rebuilding the read models');
    return this.replay();
  }

  async replay(): Promise<ReplayReport> {
    if (!this.nats.enabled) throw Problem.unavailable('the replay reads the JetStream history, and NATS is disabled here');
    if (this.running) throw Problem.conflict('REPLAY_RUNNING', 'a replay is already running on this instance');
    this.running = true;
    try {
      return await this.run();
    } finally {
      this.running = false;
    }
  }

  private async run(): Promise<ReplayReport> {
    const started = Date.now();
    const memory = new ProjectionMemory();
    let projected = 0;
    let skipped = 0;
    const marks: { stream: string; lastSequence: number; events: number }[] = [];
    for (const definition of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) {
      const stream = this.nats.streamName(definition.name);
      const last = await this.lastSequence(stream);
      let events = 0;
      await this.read(stream, 0, last, async (m, subject) => {
        events++;
        const event = this.parse(m, subject);
        if (event === 'skip') return;
        if (event === undefined) {
          skipped++;
          return;
        }
        await this.projection.applyInMemory(memory, subject as ProjectedSubject, event);
        projected++;
      });
      marks.push({ stream, lastSequence: last, events });
    }
    await this.write(memory);
    this.projection.changed();
    // Events that arrived while we read: through the live path (idempotent), in small transactions.
    let caughtUp = 0;
    for (const mark of marks) {
      const last = await this.lastSequence(mark.stream);
      if (last <= mark.lastSequence) continue;
      await this.read(mark.stream, mark.lastSequence + 1, last, async (m, subject) => {
        const event = this.parse(m, subject);
        if (event === 'skip' || event === undefined) return;
        await this.em.fork().transactional((tx) => this.projection.apply(tx, subject as ProjectedSubject, event));
        caughtUp++;
      });
    }
    const report: ReplayReport = {
      streams: marks,
      projected,
      skipped,
      caughtUp,
      rows: { residents: memory.residents.size, deeds: memory.deeds.size, visits: memory.visits.size, agreementUses: memory.agreementUses.size },
      millis: Date.now() - started,
    };
    this.logger.log(report, 'read models rebuilt from the streams');
    return report;
  }

  /** 'skip' for subjects the reporting service does not project; undefined for an event that breaks its contract. */
  private parse(m: JsMsg, subject: string): EventEnvelope<EventPayloads[ProjectedSubject]> | 'skip' | undefined {
    if (!isProjectedSubject(subject)) return 'skip';
    const parsed = parseEventMessage(m.data, subject);
    return parsed.ok ? (parsed.envelope as EventEnvelope<EventPayloads[ProjectedSubject]>) : undefined;
  }

  private async lastSequence(stream: string): Promise<number> {
    const jsm = await this.nats.jetstreamManager();
    try {
      const info = await jsm.streams.info(stream);
      return info.state.messages > 0 ? info.state.last_seq : 0;
    } catch (error) {
      if (String((error as Error)?.message).includes('stream not found')) return 0;
      throw error;
    }
  }

  /**
   * Reads `stream` from `fromSeq` (0: its first event) up to `lastSeq`, in order, with an ephemeral pull consumer
   * (no acks, removed afterwards; the server drops it by itself after a minute if we die). Not the client's
   * "ordered consumer": NATS 2.9 servers never deliver to it.
   */
  private async read(stream: string, fromSeq: number, lastSeq: number, each: (m: JsMsg, subject: string) => Promise<void>): Promise<void> {
    if (lastSeq === 0 || fromSeq > lastSeq) return;
    const jsm = await this.nats.jetstreamManager();
    const info = await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.None,
      ...(fromSeq > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq } : { deliver_policy: DeliverPolicy.All }),
      inactive_threshold: nanos(60_000),
      mem_storage: true,
      description: 'reporting: replay',
    });
    const consumer = await (await this.nats.jetstream()).consumers.get(stream, info.name);
    const messages = await consumer.consume({ max_messages: 1_000 });
    try {
      for await (const m of messages) {
        if (m.seq <= lastSeq) await each(m, this.nats.unprefixed(m.subject));
        // Stop at the noted sequence, or when nothing is left (the noted event may have been deleted from the stream).
        if (m.seq >= lastSeq || m.info.pending === 0) break;
      }
    } finally {
      // Leaving the loop has ended the iteration; close() would wait for a pull that never comes (nats 2.29).
      messages.stop();
      await jsm.consumers.delete(stream, info.name).catch(() => undefined);
    }
  }

  /**
   * Multi-row INSERTs with bound parameters, straight from the facts (the ORM's per-entity work would take most of
   * a replay's time): at most ~30,000 parameters per statement (SQLite's limit is 32,766, PostgreSQL's 65,535).
   */
  private async insertRows(tx: EntityManager, entity: EntityName<object>, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = tx.getMetadata().get(entity);
    const platform = tx.getPlatform();
    const sqlite = !this.config.databaseUrl.startsWith('postgres');
    const props = meta.props.filter((p) => p.fieldNames?.length === 1 && p.persist !== false);
    const columns = props.map((p) => platform.quoteIdentifier(p.fieldNames[0] as string));
    const perStatement = Math.max(1, Math.floor(30_000 / props.length));
    const row = `(${props.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const params: unknown[] = [];
      for (const r of chunk) {
        for (const p of props) {
          const value = (r as Record<string, unknown>)[p.name] ?? null;
          params.push(value instanceof Date ? platform.processDateProperty(value) : sqlite && typeof value === 'boolean' ? (value ? 1 : 0) : value);
        }
      }
      const sql = `insert into ${platform.quoteIdentifier(meta.tableName)} (${columns.join(', ')}) values ${chunk.map(() => row).join(', ')}`;
      await tx.getConnection().execute(sql, params, 'run', tx.getTransactionContext());
    }
  }

  /** Empties the read models and writes the rebuilt rows, in one transaction. */
  private async write(memory: ProjectionMemory): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      // The live consumers keep running: on PostgreSQL they wait for this transaction (on SQLite every write
      // transaction is exclusive anyway), then apply their events again on the new rows (idempotent folds).
      if (this.config.databaseUrl.startsWith('postgres')) {
        await tx.getConnection().execute('lock table reporting_resident, reporting_deed, reporting_visit, reporting_agreement_use in exclusive mode', [], 'run', tx.getTransactionContext());
      }
      await tx.nativeDelete(ResidentFact, {});
      await tx.nativeDelete(DeedFact, {});
      await tx.nativeDelete(VisitFact, {});
      // The reporting service's own use is in no stream: kept (the rows from the streams are rebuilt).
      await tx.nativeDelete(AgreementUse, { service: { $ne: OWN_USE_SERVICE } });
      await this.insertRows(tx, ResidentFact, [...memory.residents.values()]);
      await this.insertRows(tx, DeedFact, [...memory.deeds.values()]);
      await this.insertRows(tx, VisitFact, [...memory.visits.values()]);
      await this.insertRows(tx, AgreementUse, [...memory.agreementUses.values()]);
    });
  }
}
