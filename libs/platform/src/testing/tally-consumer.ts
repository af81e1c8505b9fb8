/**
 * A minimal service for the messaging integration tests: it publishes identity.resident.registered.v1 events
 * through the real outbox and consumes them with a real @ConsumeEvent handler that writes one TallyEntry row per
 * effect. A test steers the handler per resident (fail n times, always fail, be slow once) and counts the rows:
 * exactly-once means one row per event, whatever JetStream delivered.
 */
import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { Entity, MikroORM, OptionalProps, PrimaryKey, Property, type EntityManager } from '@mikro-orm/core';
import { STREAMS, SUBJECTS, type EventEnvelope, type ResidentRegistered } from '@adminduk/contracts';
import type { ServiceConfig } from '../config/service-config';
import { currentContext, runInContext } from '../context/request-context';
import { uuidv7 } from '../ids/uuid-v7';
import { ConsumeEvent } from '../messaging/consume-event.decorator';
import { OutboxEvent } from '../messaging/outbox-event.entity';
import { OutboxService } from '../messaging/outbox.service';
import { PlatformModule } from '../platform.module';
import { createTestApp, type TestApp } from './test-app';

@Entity({ tableName: 'tally_entry' })
export class TallyEntry {
  [OptionalProps]?: 'seq';

  /** Assigned in the order the effects were committed (events of one consumer are handled one at a time). */
  @PrimaryKey({ autoincrement: true })
  seq!: number;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'uuid' })
  residentId!: string;

  @Property({ length: 100, nullable: true })
  requestId?: string;

  /** Which app instance applied the effect. */
  @Property({ length: 40 })
  instance!: string;
}

export type TallyBehaviour =
  | { readonly failTimes: number }
  | { readonly alwaysFail: true }
  | { readonly slowFirstMs: number }
  /** The handler's own database connection is cut (PostgreSQL only) on the first n calls: the whole transaction fails. */
  | { readonly cutConnectionTimes: number };

export const TALLY_DURABLE = 'tally-resident-registered';
export const TALLY_MAX_DELIVERIES = 3;
const TALLY_INSTANCE = Symbol('TALLY_INSTANCE');

@Injectable()
export class TallyHandler {
  /** Calls of the handler per resident id (every delivery that reached the handler). */
  readonly calls = new Map<string, number>();
  readonly plan = new Map<string, TallyBehaviour>();

  constructor(@Inject(TALLY_INSTANCE) private readonly instance: string) {}

  @ConsumeEvent(SUBJECTS.identity.residentRegistered, { durable: TALLY_DURABLE, maxDeliveries: TALLY_MAX_DELIVERIES, backoffMs: 100, ackWaitMs: 2_000 })
  async onRegistered(em: EntityManager, event: EventEnvelope<ResidentRegistered>): Promise<void> {
    const id = event.payload.residentId;
    const call = (this.calls.get(id) ?? 0) + 1;
    this.calls.set(id, call);
    const plan = this.plan.get(id);
    if (plan && 'alwaysFail' in plan) throw new Error(`simulated failure of resident ${id}`);
    if (plan && 'failTimes' in plan && call <= plan.failTimes) throw new Error(`simulated failure ${call} of resident ${id}`);
    if (plan && 'slowFirstMs' in plan && call === 1) await new Promise((resolve) => setTimeout(resolve, plan.slowFirstMs));
    if (plan && 'cutConnectionTimes' in plan && call <= plan.cutConnectionTimes) {
      await em.getConnection().execute('select pg_terminate_backend(pg_backend_pid())', [], 'all', em.getTransactionContext());
    }
    em.persist(em.create(TallyEntry, { eventId: event.id, residentId: id, requestId: currentContext()?.requestId, instance: this.instance }));
  }
}

@Module({})
export class TallyModule {
  static forRoot(config: ServiceConfig, instance: string): DynamicModule {
    return {
      module: TallyModule,
      imports: [
        PlatformModule.forRoot({ config, database: { entities: [TallyEntry], migrations: { postgresql: [], sqlite: [] } }, streams: [STREAMS.identity] }),
      ],
      providers: [{ provide: TALLY_INSTANCE, useValue: instance }, TallyHandler],
    };
  }
}

/** Boots the tally service on PostgreSQL `databaseUrl` and NATS; tables come from DEV_SCHEMA_SYNC. */
export function startTallyApp(instance: string, env: { DATABASE_URL: string; NATS_URL?: string; NATS_PREFIX: string }): Promise<TestApp> {
  return createTestApp('tally', (c) => TallyModule.forRoot(c, instance), { title: 'tally', description: 'messaging test service', version: '0' }, {
    NATS_ENABLED: 'true',
    DEV_SCHEMA_SYNC: 'true',
    ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
    ...env,
  });
}

/** A resident.registered payload for a new resident id. */
export function registeredPayload(residentId: string = uuidv7()): ResidentRegistered {
  return { residentId, nik: '5316014103900001', birthDate: '1990-03-01', sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'FIRST_REGISTRATION', districtCode: '531601' };
}

/**
 * Records an event the way an application service does: in a transaction of its own, within a request context
 * (whose request id travels with the event). Returns the outbox row.
 */
export async function recordRegistered(t: TestApp, payload: ResidentRegistered = registeredPayload(), requestId = `req-${uuidv7()}`): Promise<OutboxEvent> {
  const orm = t.app.get(MikroORM);
  const outbox = t.app.get(OutboxService);
  return runInContext({ requestId, endpoint: 'POST /test' }, () =>
    orm.em.fork().transactional(async (tx) => outbox.record(tx, SUBJECTS.identity.residentRegistered, payload)),
  );
}

export async function tallyRows(t: TestApp): Promise<TallyEntry[]> {
  return t.app.get(MikroORM).em.fork().find(TallyEntry, {}, { orderBy: { seq: 'asc' } });
}
