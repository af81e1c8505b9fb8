// Test data for the consumers of the deeds events (deed-events.spec.ts on SQLite, deed-events.int-spec.ts on
// PostgreSQL and NATS): residents and family cards set up through the HTTP API as an operator would, event
// payloads as the deeds service publishes them (libs/contracts/src/deeds.events.ts), and reads of what a
// registrar would check afterwards.
import { connect, headers as natsHeaders, type JetStreamManager, type NatsConnection } from 'nats';
import { MikroORM } from '@mikro-orm/core';
import {
  HEADER_REQUEST_ID,
  STREAMS,
  SUBJECTS,
  type AdoptionRegistered,
  type BirthRegistered,
  type DeathRegistered,
  type DivorceRegistered,
  type EventEnvelope,
  type LegitimationRegistered,
  type MarriageRegistered,
  type RecognitionRegistered,
} from '@adminduk/contracts';
import { AuditEntry, deadLetterStream, ensureStream, EventConsumerService, localDate, NatsService, OutboxEvent, uuidv7 } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { DeedEventApplication } from '../src/deed-events/deed-event-application.entity';
import { DeedEventReview } from '../src/deed-events/deed-event-review.entity';

export const DISTRICT = '531601';
export const VILLAGE = '5316012002';
export const ADDRESS = 'RT 002 / RW 001, Labolewa';

export interface Person {
  readonly id: string;
  readonly nik: string;
}

export interface Member {
  readonly residentId: string;
  readonly relationship: number;
  readonly relationshipLabel?: string;
  readonly maritalStatus?: string;
  readonly fatherResidentId?: string;
  readonly motherResidentId?: string;
}

export interface Card {
  readonly id: string;
  readonly kkNumber: string;
  readonly version: number;
  readonly status: string;
  readonly members: Member[];
}

export interface ResidentBody {
  readonly id: string;
  readonly nik: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly sex: string;
  readonly religion: string;
  readonly maritalStatus: string;
  readonly motherName: string;
  readonly fatherName?: string;
  readonly status: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  readonly familyCardId?: string;
  readonly version: number;
}

type Payload = Record<string, unknown>;

let counter = 0;

/** The names of the residents registered here, by NIK: a birth event names the parents as the register does. */
const namesByNik = new Map<string, string>();

/** The HTTP API of an identity app as a registrar of the regency uses it. */
export class Registrar {
  private token = '';

  constructor(private readonly t: TestApp) {}

  async call<T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<{ status: number; body: T }> {
    if (!this.token) this.token = await tokenFor(['registrar'], ['5316']);
    const res = await this.t.app.inject({ method, url, headers: { authorization: `Bearer ${this.token}` }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as T };
  }

  /** Registers a resident of Labolewa (kecamatan Aesesa), with a unique name unless one is given. */
  async resident(birthDate: string, sex: 'M' | 'F', maritalStatus: string, fullName?: string): Promise<Person> {
    counter += 1;
    const res = await this.call<ResidentBody>('POST', '/residents', {
      fullName: fullName ?? `Warga Akta ${counter} ${process.pid}`,
      birthPlace: 'Mbay',
      birthDate,
      sex,
      religion: 'KATOLIK',
      maritalStatus,
      motherName: `Ibu Akta ${counter}`,
      districtCode: DISTRICT,
      villageCode: VILLAGE,
      address: ADDRESS,
    });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
    namesByNik.set(res.body.nik, res.body.fullName);
    return { id: res.body.id, nik: res.body.nik };
  }

  async card(members: { residentId: string; relationship: number; fatherResidentId?: string; motherResidentId?: string }[]): Promise<Card> {
    const res = await this.call<Card>('POST', '/family-cards', { members });
    if (res.status !== 201) throw new Error(`card not issued: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A married couple on their own card: the husband head, the wife Istri. */
  async couple(): Promise<{ husband: Person; wife: Person; card: Card }> {
    const husband = await this.resident('1980-04-12', 'M', 'KAWIN_TERCATAT');
    const wife = await this.resident('1984-09-30', 'F', 'KAWIN_TERCATAT');
    const card = await this.card([
      { residentId: husband.id, relationship: 1 },
      { residentId: wife.id, relationship: 3 },
    ]);
    return { husband, wife, card };
  }

  async residentById(id: string): Promise<ResidentBody> {
    return (await this.call<ResidentBody>('GET', `/residents/${id}`)).body;
  }

  async residentByNik(nik: string): Promise<ResidentBody[]> {
    return (await this.call<{ items: ResidentBody[] }>('GET', `/residents?nik=${nik}`)).body.items;
  }

  async cardById(id: string): Promise<Card> {
    return (await this.call<Card>('GET', `/family-cards/${id}`)).body;
  }

  async kia(residentId: string): Promise<{ status: string; card: { kiaType: string; printedBy: string } | null; version: number }> {
    return (await this.call<{ status: string; card: { kiaType: string; printedBy: string } | null; version: number }>('GET', `/residents/${residentId}/kia`)).body;
  }

  async residentStatus(residentId: string): Promise<{ status: string; dateOfDeath: string | null; history: { type: string; by: string }[] }> {
    return (await this.call<{ status: string; dateOfDeath: string | null; history: { type: string; by: string }[] }>('GET', `/residents/${residentId}/status`)).body;
  }
}

/** The office's date, and a date `days` before it. */
export function today(t: TestApp): string {
  return localDate(t.config.utcOffset);
}
export function daysAgo(t: TestApp, days: number): string {
  const d = new Date(`${today(t)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The NIK prefix (12 digits) of a child of `sex` born on `birthDate` under kecamatan `district`. */
export function nikPrefix(district: string, birthDate: string, sex: 'M' | 'F'): string {
  const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
  return `${district}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
}

/** The No. KK prefix of kecamatan `district` issued today. */
export function kkPrefix(t: TestApp, district = DISTRICT): string {
  const d = today(t);
  return `${district}${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(2, 4)}`;
}

function registration(t: TestApp, eventDate: string) {
  return {
    deedId: uuidv7(),
    deedNumber: `5316-LT-${today(t).replace(/-/g, '')}-${String(++counter).padStart(4, '0')}`,
    registeredAt: `${today(t)}T09:00:00.000+08:00`,
    eventDate,
    timeliness: 'ON_TIME' as const,
    districtCode: DISTRICT,
    villageCode: VILLAGE,
  };
}

/** A birth deed's event; parents given by NIK are named as the register names them (unless names are given). */
export function birthEvent(t: TestApp, fields: Partial<BirthRegistered> & { eventDate?: string } = {}): BirthRegistered {
  counter += 1;
  return {
    ...registration(t, fields.eventDate ?? daysAgo(t, 10)),
    child: { fullName: `Bayi Akta ${counter} ${process.pid}`, sex: 'F', birthPlace: 'Puskesmas Mbay', religion: 'KATOLIK' },
    motherName: (fields.motherNik && namesByNik.get(fields.motherNik)) || `Ibu Bayi ${counter}`,
    fatherName: (fields.fatherNik && namesByNik.get(fields.fatherNik)) || `Bapak Bayi ${counter}`,
    address: ADDRESS,
    ...fields,
  };
}

export function deathEvent(t: TestApp, deceasedNik: string, fields: Partial<DeathRegistered> = {}): DeathRegistered {
  return { ...registration(t, fields.eventDate ?? daysAgo(t, 3)), deceasedNik, ...fields };
}

export function marriageEvent(t: TestApp, husbandNik: string, wifeNik: string, fields: Partial<MarriageRegistered> = {}): MarriageRegistered {
  return { ...registration(t, fields.eventDate ?? daysAgo(t, 20)), route: 'CIVIL_REGISTRY', husbandNik, wifeNik, maritalStatusAfter: 'KAWIN_TERCATAT', ...fields };
}

export function divorceEvent(t: TestApp, husbandNik: string, wifeNik: string, fields: Partial<DivorceRegistered> = {}): DivorceRegistered {
  return { ...registration(t, fields.eventDate ?? daysAgo(t, 15)), husbandNik, wifeNik, ...fields };
}

/** The name the register holds under a NIK registered here (for events that name people as the register does). */
export function nameOf(nik: string): string {
  const name = namesByNik.get(nik);
  if (!name) throw new Error('no resident of this test has that NIK');
  return name;
}

/** A child already on the register, as a recognition, legitimation or adoption deed names them. */
function childDeed(t: TestApp, child: Person, fullName?: string) {
  return { ...registration(t, daysAgo(t, 12)), child: { nik: child.nik, fullName: fullName ?? nameOf(child.nik) }, birthDeedNumber: `5316-KL-01012019-${String(++counter).padStart(4, '0')}` };
}

export function recognitionEvent(t: TestApp, child: Person, father: Person, fields: Partial<RecognitionRegistered> = {}): RecognitionRegistered {
  return { ...childDeed(t, child), fatherNik: father.nik, father: { fullName: nameOf(father.nik), sex: 'M' }, ...fields };
}

export function legitimationEvent(t: TestApp, child: Person, father: Person, fields: Partial<LegitimationRegistered> = {}): LegitimationRegistered {
  return { ...childDeed(t, child), fatherNik: father.nik, father: { fullName: nameOf(father.nik), sex: 'M' }, marriageDeedNumber: '5316-KW-01022026-0001', ...fields };
}

/** An adoption by `adopter`; the child takes `newName` when given. */
export function adoptionEvent(t: TestApp, child: Person, adopter: Person, newName?: string, fields: Partial<AdoptionRegistered> = {}): AdoptionRegistered {
  return {
    ...childDeed(t, child, newName),
    adopterNik: adopter.nik,
    adopter: fields.adopter ?? { fullName: nameOf(adopter.nik) },
    courtDecision: { number: '3/Pdt.P/2026/PN Bjw', court: 'Pengadilan Negeri Bajawa' },
    ...fields,
  };
}

export function envelope<P>(subject: string, payload: P, id: string = uuidv7()): EventEnvelope<P> {
  return { id, subject, occurredAt: new Date().toISOString(), producer: 'deeds', payload };
}

// --- what was recorded ---------------------------------------------------------------------------------

/** Outbox events of a subject whose payload matches `where` (shallow equality of the given fields). */
export async function outboxEvents(t: TestApp, subject: string, where: Payload = {}): Promise<Payload[]> {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Payload).filter((p) => Object.entries(where).every(([k, v]) => p[k] === v));
}

export async function reviews(t: TestApp, deedId: string): Promise<DeedEventReview[]> {
  return t.app.get(MikroORM).em.fork().find(DeedEventReview, { deedId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export async function application(t: TestApp, deedId: string): Promise<DeedEventApplication | null> {
  return t.app.get(MikroORM).em.fork().findOne(DeedEventApplication, { deedId });
}

export async function auditOf(t: TestApp, resourceId: string): Promise<AuditEntry[]> {
  return t.app.get(MikroORM).em.fork().find(AuditEntry, { resourceId }, { orderBy: { id: 'asc' } });
}

export const DEED_SUBJECTS = SUBJECTS.deeds;

// --- an identity on PostgreSQL and NATS, fed deeds events ----------------------------------------------

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** What an integration test of the deeds consumers uses: the running identity, a registrar, and the test's deeds service. */
export interface DeedEventsHarness {
  /** The identity app (throws before beforeAll ran). */
  app(): TestApp;
  readonly reg: Registrar;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  /** The stream's name under this run's NATS prefix. */
  streamName(name: string): string;
  /** Publishes a deeds event as the deeds service would (envelope, msgID, request id); returns its stream sequence. */
  publish(subject: string, payload: object): Promise<number>;
  /** Waits until the durable consumer has acknowledged the DEEDS stream up to `seq` (applied, duplicate or dead-lettered). */
  acked(durable: string, seq: number): Promise<void>;
}

/**
 * Registers the beforeAll / afterAll of an integration test of the deeds consumers: its own PostgreSQL database
 * (`name`), an identity app with NATS under a run-unique prefix, the DEEDS stream the test publishes into; afterwards
 * the app is closed and the streams of the prefix (DEEDS, IDENTITY, identity's dead letters) and the database dropped.
 */
export function deedEventsHarness(name: string): DeedEventsHarness {
  let db: { name: string; url: string } | undefined;
  let t: TestApp | undefined;
  let nc: NatsConnection | undefined;
  let jsm: JetStreamManager | undefined;
  let reg: Registrar | undefined;
  const prefix = uniqueNatsPrefix(name);
  const app = (): TestApp => {
    if (!t) throw new Error('identity is not running');
    return t;
  };
  const streamName = (stream: string) => app().app.get(NatsService).streamName(stream);
  const manager = (): JetStreamManager => {
    if (!jsm) throw new Error('NATS is not connected');
    return jsm;
  };

  beforeAll(async () => {
    db = await createDatabase(name.replace(/[^a-z0-9]/g, ''));
    t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix });
    reg = new Registrar(t);
    nc = await connect({ servers: NATS_URL, name: `deeds-${name}-test-producer` });
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, t.app.get(NatsService), STREAMS.deeds);
    await t.app.get(EventConsumerService).ready();
  }, 60_000);

  afterAll(async () => {
    const names = t ? [STREAMS.deeds.name, STREAMS.identity.name, deadLetterStream('identity').name].map(streamName) : [];
    await t?.close();
    for (const stream of names) await jsm?.streams.delete(stream).catch(() => undefined);
    await nc?.close();
    if (db) await dropDatabase(db.name);
  }, 30_000);

  return {
    app,
    get reg(): Registrar {
      if (!reg) throw new Error('identity is not running');
      return reg;
    },
    get jsm(): JetStreamManager {
      return manager();
    },
    prefix,
    streamName,
    async publish(subject: string, payload: object): Promise<number> {
      if (!nc) throw new Error('NATS is not connected');
      const id = uuidv7();
      const h = natsHeaders();
      h.set(HEADER_REQUEST_ID, `deeds-test-${id}`);
      const ack = await nc.jetstream().publish(`${prefix}.${subject}`, new TextEncoder().encode(JSON.stringify(envelope(subject, payload, id))), { msgID: id, headers: h });
      return ack.seq;
    },
    async acked(durable: string, seq: number): Promise<void> {
      await waitFor(async () => (await manager().consumers.info(streamName(STREAMS.deeds.name), durable)).ack_floor.stream_seq >= seq, `${durable} to acknowledge #${seq}`, 30_000);
    },
  };
}
