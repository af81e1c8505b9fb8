// Test data for the reporting service: the app (SQLite or PostgreSQL, NATS on or off), callers, contract events
// (validated by the contracts' schemas before they are used), and a seeded synthetic population of Nagekeo with
// the truth about each person, from which the tests compute the expected figures on their own.
import { EVENT_SCHEMAS, SUBJECTS, type EventEnvelope, type EventSubject } from '@adminduk/contracts';
import { listDistricts } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { localDate, uuidv7, type Role } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { REPORTING_OPENAPI, ReportingModule } from '../src/reporting.module';

export const TODAY = localDate('+08:00');
export const REGENCY = '5316';

export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An instant at 10:00 WITA on `day`. */
export function at(day: string): string {
  return `${day}T10:00:00.000+08:00`;
}

export function startReporting(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp('reporting', (c) => ReportingModule.forRoot(c), REPORTING_OPENAPI, env);
}

export type Json = ReturnType<typeof JSON.parse>;

export interface Answer {
  readonly status: number;
  readonly body: Json;
  readonly text: string;
  readonly contentType: string;
}

/** A caller of the HTTP API: anonymous, or with roles and a region scope. */
export class Caller {
  private token?: string;
  constructor(
    private readonly t: TestApp,
    private readonly roles?: Role[],
    private readonly regions: string[] = ['*'],
  ) {}

  async request(method: 'GET' | 'POST', url: string): Promise<Answer> {
    if (this.roles && !this.token) this.token = await tokenFor(this.roles, this.regions);
    const res = await this.t.app.inject({ method, url, headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    const contentType = String(res.headers['content-type'] ?? '');
    let body: Json = undefined;
    if (contentType.includes('json')) body = JSON.parse(res.body);
    return { status: res.statusCode, body, text: res.body, contentType };
  }

  get(url: string): Promise<Answer> {
    return this.request('GET', url);
  }

  post(url: string): Promise<Answer> {
    return this.request('POST', url);
  }
}

/** An event as a producer's outbox relay publishes it; the payload is checked against its contract first. */
export function envelope<S extends EventSubject>(subject: S, payload: object, occurredAt: string): EventEnvelope {
  const parsed = EVENT_SCHEMAS[subject].parse(payload);
  if (!parsed.ok) throw new Error(`fixture breaks the contract of ${subject}: ${JSON.stringify(parsed.errors)}`);
  return { id: uuidv7(), subject, occurredAt, producer: subject.slice(0, subject.indexOf('.')), payload };
}

export interface PublishedEvent {
  readonly subject: EventSubject;
  readonly envelope: EventEnvelope;
}

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the test knows about one synthetic resident (the truth the figures must match). */
export interface Person {
  readonly residentId: string;
  readonly districtCode: string;
  /** The village, or the kecamatan + '0000' when the events name none. */
  readonly villageCode: string;
  readonly birthDate: string;
  readonly married: boolean;
  readonly recorded: boolean;
  readonly kia: boolean;
  readonly birthDeed: boolean;
  readonly dead: boolean;
}

export interface DeedTruth {
  readonly deedId: string;
  readonly type: 'BIRTH' | 'DEATH';
  readonly villageCode: string;
  readonly channel: 'PARTNER' | 'ONLINE' | 'OFFICE' | 'OUTREACH';
  readonly eventDate: string;
  readonly receivedOn: string;
  readonly registeredOn: string | null;
  readonly issuedOn: string | null;
  readonly rejectedOn: string | null;
  readonly timeliness: 'ON_TIME' | 'LATE_UP_TO_ONE_YEAR' | 'LATE_OVER_ONE_YEAR';
}

export interface VisitTruth {
  readonly visitId: string;
  readonly villageCode: string;
  readonly date: string;
  readonly done: { EKTP_RECORDING: number; BIRTH_DEED: number; KIA: number; APPLICATION: number; HANDOVER: number };
}

export interface Population {
  readonly people: Person[];
  readonly deeds: DeedTruth[];
  readonly visits: VisitTruth[];
  readonly events: PublishedEvent[];
}

/** Age in whole years on `day` (29 February birthdays: 1 March in common years). */
export function ageOn(birthDate: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const md = birthDate.slice(5);
  const birthday = md === '02-29' && !isLeap(Number(day.slice(0, 4))) ? '03-01' : md;
  if (day.slice(5) < birthday) age--;
  return age;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * A seeded population across Nagekeo's kecamatan: residents registered 300 days ago with mixed e-KTP, KIA and
 * birth deed states (some recorded later, some married later, some dead), birth and death deed records through
 * every channel, and completed outreach visits. Everything happened on or before TODAY.
 */
export function synthPopulation(size: number, seed = 7): Population {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const districts = listDistricts(REGENCY).map((d) => d.code);
  const villagesOf = new Map(districts.map((d) => [d, listVillages(d).map((v) => v.code)]));
  const people: Person[] = [];
  const deeds: DeedTruth[] = [];
  const visits: VisitTruth[] = [];
  const events: PublishedEvent[] = [];
  const push = (subject: EventSubject, payload: object, occurredAt: string) => events.push({ subject, envelope: envelope(subject, payload, occurredAt) });
  const registeredOn = plusDays(TODAY, -300);
  for (let i = 0; i < size; i++) {
    const districtCode = pick(districts);
    const named = rnd() > 0.05;
    const villageCode = named ? pick(villagesOf.get(districtCode) ?? []) : `${districtCode}0000`;
    const place = { districtCode, ...(named ? { villageCode } : {}) };
    const birthDate = plusDays(TODAY, -Math.floor(rnd() * 80 * 365.25));
    const age = ageOn(birthDate, TODAY);
    const marriedAtStart = age >= 19 && rnd() < 0.5;
    const marriesLater = !marriedAtStart && age >= 19 && rnd() < 0.1;
    const married = marriedAtStart || marriesLater;
    const wajib = age >= 17 || married;
    const recordedAtStart = wajib && rnd() < 0.6;
    const recordedLater = wajib && !recordedAtStart && rnd() < 0.6;
    const kia = age < 17 && !married && rnd() < 0.45;
    const birthDeed = rnd() < 0.88;
    const dead = rnd() < 0.02;
    const residentId = uuidv7();
    people.push({ residentId, districtCode, villageCode, birthDate, married, recorded: recordedAtStart || recordedLater, kia, birthDeed, dead });
    push(
      SUBJECTS.identity.residentRegistered,
      {
        residentId,
        nik: `5316${String(100000000000 + i).slice(-12)}`,
        birthDate,
        sex: rnd() < 0.5 ? 'M' : 'F',
        maritalStatus: marriedAtStart ? 'KAWIN_TERCATAT' : 'BELUM_KAWIN',
        origin: 'IMPORT',
        ektpState: recordedAtStart ? 'PRINTED' : wajib ? 'NOT_RECORDED' : 'NOT_YET_COMPULSORY',
        kiaState: 'NOT_ISSUED',
        hasBirthDeed: birthDeed,
        ...place,
      },
      at(registeredOn),
    );
    if (marriesLater) {
      push(SUBJECTS.identity.residentMaritalStatusChanged, { residentId, from: 'BELUM_KAWIN', to: 'KAWIN_TERCATAT', ...place }, at(plusDays(TODAY, -Math.floor(rnd() * 200))));
    }
    if (recordedLater) {
      const day = plusDays(TODAY, -Math.floor(rnd() * 120));
      push(SUBJECTS.identity.ektpStatusChanged, { residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: rnd() < 0.5 ? 'OFFICE' : 'OUTREACH', action: 'RECORD_BIOMETRICS', ...place }, at(day));
    }
    if (kia) {
      push(
        SUBJECTS.identity.kiaStatusChanged,
        { residentId, from: 'NOT_ISSUED', to: 'ISSUED', kiaType: age < 5 ? 'UNDER_5' : 'FROM_5_TO_UNDER_17', action: 'ISSUE', ...place },
        at(plusDays(TODAY, -Math.floor(rnd() * 250))),
      );
    }
    if (dead) {
      const day = plusDays(TODAY, -Math.floor(rnd() * 100) - 1);
      push(SUBJECTS.identity.residentStatusChanged, { residentId, from: 'ALIVE', to: 'DECEASED', effectiveDate: day, change: 'DEATH', ...place }, at(day));
    }
  }
  // Deed records: births and deaths, notified, registered, issued or rejected, through every channel.
  const channels = ['PARTNER', 'ONLINE', 'OFFICE', 'OUTREACH'] as const;
  const deedCount = Math.max(20, Math.floor(size / 8));
  for (let i = 0; i < deedCount; i++) {
    const type = rnd() < 0.75 ? 'BIRTH' : 'DEATH';
    const districtCode = pick(districts);
    const villageCode = pick(villagesOf.get(districtCode) ?? []);
    const channel = pick(channels);
    const eventDate = plusDays(TODAY, -Math.floor(rnd() * 90) - 3);
    const receivedOn = plusDays(eventDate, Math.floor(rnd() * 3));
    const fate = rnd();
    const registeredOn = fate < 0.8 ? plusDays(receivedOn, Math.floor(rnd() * 3)) : null;
    const issuedOn = registeredOn && fate < 0.7 ? plusDays(registeredOn, Math.floor(rnd() * 4)) : null;
    const rejectedOn = fate >= 0.9 ? plusDays(receivedOn, 1) : null;
    const cappedRegistered = registeredOn && registeredOn > TODAY ? null : registeredOn;
    const cappedIssued = issuedOn && cappedRegistered && issuedOn <= TODAY ? issuedOn : null;
    const cappedRejected = rejectedOn && rejectedOn <= TODAY ? rejectedOn : null;
    const lateBy = rnd();
    const timeliness = lateBy < 0.7 ? 'ON_TIME' : lateBy < 0.9 ? 'LATE_UP_TO_ONE_YEAR' : 'LATE_OVER_ONE_YEAR';
    const deedId = uuidv7();
    deeds.push({ deedId, type, villageCode, channel, eventDate, receivedOn, registeredOn: cappedRegistered, issuedOn: cappedIssued, rejectedOn: cappedRejected, timeliness });
    const base = { deedId, deedType: type, channel, eventDate, districtCode, villageCode };
    const first = channel === 'PARTNER' ? 'NOTIFIED' : 'SUBMITTED';
    push(SUBJECTS.deeds.deedStatusChanged, { ...base, from: null, to: first, at: at(receivedOn), notifiedAt: at(receivedOn) }, at(receivedOn));
    if (cappedRejected) push(SUBJECTS.deeds.deedStatusChanged, { ...base, from: first, to: 'REJECTED', at: at(cappedRejected), notifiedAt: at(receivedOn) }, at(cappedRejected));
    if (cappedRegistered) {
      push(
        SUBJECTS.deeds.deedStatusChanged,
        { ...base, from: first, to: 'REGISTERED', at: at(cappedRegistered), notifiedAt: at(receivedOn), registeredAt: at(cappedRegistered), timeliness },
        at(cappedRegistered),
      );
    }
    if (cappedIssued && cappedRegistered) {
      push(
        SUBJECTS.deeds.deedStatusChanged,
        { ...base, from: 'REGISTERED', to: 'ISSUED', at: at(cappedIssued), notifiedAt: at(receivedOn), registeredAt: at(cappedRegistered), issuedAt: at(cappedIssued), timeliness },
        at(cappedIssued),
      );
    }
  }
  // Completed visits over the last 70 days.
  const visitCount = Math.max(10, Math.floor(size / 50));
  const planId = uuidv7();
  for (let i = 0; i < visitCount; i++) {
    const districtCode = pick(districts);
    const villageCode = pick(villagesOf.get(districtCode) ?? []);
    const date = plusDays(TODAY, -Math.floor(rnd() * 70));
    const n = () => Math.floor(rnd() * 20);
    const done = { EKTP_RECORDING: n(), BIRTH_DEED: n(), KIA: n(), APPLICATION: n(), HANDOVER: n() };
    const visitId = uuidv7();
    visits.push({ visitId, villageCode, date, done });
    push(
      SUBJECTS.outreach.visitCompleted,
      { visitId, planId, seriesId: planId, date, teamId: planId, districtCode, villageCode, planned: done, done, recordedAt: at(date) },
      at(date),
    );
  }
  return { people, deeds, visits, events };
}

/** Nearest-rank percentile, written again here from its definition (not the domain library's). */
export function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

const within = (day: string | null, from: string, to: string) => day !== null && day >= from && day <= to;

/** The figures a user would count by hand for a region (code prefix) on TODAY. */
export function expectedFigures(pop: Population, prefix: string, day = TODAY) {
  const people = pop.people.filter((p) => p.villageCode.startsWith(prefix) && !p.dead);
  const wajib = people.filter((p) => ageOn(p.birthDate, day) >= 17 || p.married);
  const children = people.filter((p) => ageOn(p.birthDate, day) < 17 && !p.married);
  const under18 = people.filter((p) => ageOn(p.birthDate, day) < 18);
  const deeds = pop.deeds.filter((d) => d.villageCode.startsWith(prefix));
  const periodFrom = plusDays(day, -29);
  const deaths = deeds.filter((d) => d.type === 'DEATH' && d.receivedOn <= day);
  const serviceDays = (type: string) =>
    deeds.filter((d) => d.type === type && within(d.issuedOn, periodFrom, day)).map((d) => Math.round((Date.parse(d.issuedOn as string) - Date.parse(d.eventDate)) / 86_400_000));
  const registered = deeds.filter((d) => within(d.registeredOn, periodFrom, day));
  const received = deeds.filter((d) => within(d.receivedOn, periodFrom, day));
  const visits = pop.visits.filter((v) => v.villageCode.startsWith(prefix) && within(v.date, periodFrom, day));
  const services = visits.reduce((s, v) => s + v.done.EKTP_RECORDING + v.done.BIRTH_DEED + v.done.KIA + v.done.APPLICATION + v.done.HANDOVER, 0);
  const blas = serviceDays('BIRTH');
  const omas = serviceDays('DEATH');
  return {
    EKTP_RECORDING: { total: wajib.length, RECORDED: wajib.filter((p) => p.recorded).length },
    KIA: { total: children.length, WITH_KIA: children.filter((p) => p.kia).length },
    BIRTH_DEED_0_18: { total: under18.length, WITH_DEED: under18.filter((p) => p.birthDeed).length },
    DEATH_DEED: { total: deaths.length, REGISTERED: deaths.filter((d) => d.registeredOn !== null).length },
    BLAS: { total: blas.length, median: nearestRank(blas, 50), p90: nearestRank(blas, 90) },
    OMAS: { total: omas.length, median: nearestRank(omas, 50), p90: nearestRank(omas, 90) },
    TIMELY_REGISTRATION: { total: registered.length, ON_TIME: registered.filter((d) => d.timeliness === 'ON_TIME').length },
    ONLINE_SHARE: { total: received.length, ONLINE: received.filter((d) => d.channel === 'ONLINE').length },
    OUTREACH_ACTIVITY: { visits: visits.length, total: services },
  };
}
