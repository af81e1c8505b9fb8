// Test data for the outreach service: the app on SQLite (service tier), callers with a role and a region scope,
// identity and deeds events as those services publish them (libs/contracts), delivered to the backlog's consumers
// exactly as the platform's consumer does it (edge check of the contracts, inbox transaction, request context),
// and what a user would read afterwards.
import { MikroORM } from '@mikro-orm/core';
import {
  SUBJECTS,
  type BirthRegistered,
  type DeedStatusChanged,
  type EktpStatusChanged,
  type EventEnvelope,
  type EventSubject,
  type KiaStatusChanged,
  type ResidentCorrected,
  type ResidentMaritalStatusChanged,
  type ResidentRegistered,
  type ResidentStatusChanged,
} from '@adminduk/contracts';
import { NATIONAL_HOLIDAYS } from '@adminduk/domain';
import { AuditEntry, InboxService, localDate, OutboxEvent, parseEventMessage, runInContext, uuidv7, type InboxOutcome, type Role } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { BACKLOG_DURABLES, BacklogEventsHandler } from '../src/backlog/backlog-events.handler';
import { OUTREACH_OPENAPI, OutreachModule } from '../src/outreach.module';

/** Today at the office (WITA). */
export const TODAY = localDate('+08:00');

/** The date `days` days after (before, when negative) `date`. */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The date `years` years (and `days` days) before today. */
export function yearsAgo(years: number, days = 0): string {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The next date on or after `from` that falls on `weekday` (0 Sunday … 6 Saturday). */
export function nextWeekday(from: string, weekday: number): string {
  let d = from;
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== weekday) d = plusDays(d, 1);
  return d;
}

const NATIONAL_DAYS = new Set(NATIONAL_HOLIDAYS.years.flatMap((y) => y.days.map((d) => d.date)));

/**
 * For a plan that needs a visit on these days (today, tomorrow): the override allowHolidays for those of them that are
 * national holidays or cuti bersama, so that a test run on 25 December still finds its visit.
 */
export function onHoliday(...dates: string[]): { allowHolidays?: string[] } {
  const holidays = dates.filter((d) => NATIONAL_DAYS.has(d));
  return holidays.length > 0 ? { allowHolidays: holidays } : {};
}

export function startOutreach(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp('outreach', (c) => OutreachModule.forRoot(c), OUTREACH_OPENAPI, env);
}

/** A parsed JSON body, as loosely typed as JSON.parse gives it (tests read fields they assert on). */
export type Json = ReturnType<typeof JSON.parse>;

export interface Answer<T = Json> {
  readonly status: number;
  readonly body: T;
  readonly contentType: string;
}

/** A caller of the HTTP API with one role and a region scope. */
export class Caller {
  private token?: string;

  constructor(
    private readonly t: TestApp,
    private readonly roles: Role[],
    private readonly regions: string[] = ['5316'],
    private readonly subject = `${roles.join('-')}-${regions.join('-')}`,
  ) {}

  async call<T = Json>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<Answer<T>> {
    this.token ??= await tokenFor(this.roles, this.regions, this.subject);
    const res = await this.t.app.inject({ method, url, headers: { authorization: `Bearer ${this.token}` }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T, contentType: String(res.headers['content-type'] ?? '') };
  }
}

type Handler = BacklogEventsHandler;
const ROUTES: Partial<Record<EventSubject, [string, (h: Handler) => (em: never, e: never) => Promise<void>]>> = {
  [SUBJECTS.identity.residentRegistered]: [BACKLOG_DURABLES.residentRegistered, (h) => h.onResidentRegistered.bind(h)],
  [SUBJECTS.identity.residentCorrected]: [BACKLOG_DURABLES.residentCorrected, (h) => h.onResidentCorrected.bind(h)],
  [SUBJECTS.identity.residentMaritalStatusChanged]: [BACKLOG_DURABLES.maritalStatusChanged, (h) => h.onMaritalStatusChanged.bind(h)],
  [SUBJECTS.identity.residentStatusChanged]: [BACKLOG_DURABLES.statusChanged, (h) => h.onStatusChanged.bind(h)],
  [SUBJECTS.identity.ektpStatusChanged]: [BACKLOG_DURABLES.ektpStatusChanged, (h) => h.onEktpStatusChanged.bind(h)],
  [SUBJECTS.identity.kiaStatusChanged]: [BACKLOG_DURABLES.kiaStatusChanged, (h) => h.onKiaStatusChanged.bind(h)],
  [SUBJECTS.deeds.birthRegistered]: [BACKLOG_DURABLES.birthRegistered, (h) => h.onBirthRegistered.bind(h)],
  [SUBJECTS.deeds.deedStatusChanged]: [BACKLOG_DURABLES.deedStatusChanged, (h) => h.onDeedStatusChanged.bind(h)],
};

/** An event as the producer's outbox relay writes it. */
export function envelope(subject: EventSubject, payload: object, options: { id?: string; occurredAt?: string } = {}): EventEnvelope<object> {
  return { id: options.id ?? uuidv7(), subject, occurredAt: options.occurredAt ?? new Date().toISOString(), producer: subject.slice(0, subject.indexOf('.')), payload };
}

/** Delivers an event as the platform's consumer would: edge check, inbox transaction, request context. */
export async function deliver(t: TestApp, subject: EventSubject, payload: object, options: { id?: string; occurredAt?: string } = {}): Promise<InboxOutcome> {
  const e = envelope(subject, payload, options);
  const parsed = parseEventMessage(new TextEncoder().encode(JSON.stringify(e)), subject);
  if (!parsed.ok) throw new Error(`the test event breaks the contract: ${parsed.detail}`);
  const route = ROUTES[subject];
  if (!route) throw new Error(`no consumer of ${subject}`);
  const [durable, method] = route;
  const handle = method(t.app.get(BacklogEventsHandler));
  return runInContext({ requestId: `test-${e.id}`, endpoint: subject }, () => t.app.get(InboxService).runOnce(durable, parsed.envelope, (em) => handle(em as never, parsed.envelope as never)));
}

const NIK = '5316010101900001';

/** identity.resident.registered.v1 */
export function registered(p: Partial<ResidentRegistered> & { birthDate: string }): ResidentRegistered {
  return { residentId: uuidv7(), nik: NIK, sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'FIRST_REGISTRATION', districtCode: '531601', villageCode: '5316012002', ...p };
}

/** identity.ektp.status-changed.v1 */
export function ektp(residentId: string, from: EktpStatusChanged['from'], to: EktpStatusChanged['to'], p: Partial<EktpStatusChanged> = {}): EktpStatusChanged {
  return { residentId, from, to, channel: 'OFFICE', districtCode: '531601', villageCode: '5316012002', ...p };
}

/** identity.kia.status-changed.v1 */
export function kia(residentId: string, from: KiaStatusChanged['from'], to: KiaStatusChanged['to'], p: Partial<KiaStatusChanged> = {}): KiaStatusChanged {
  return { residentId, from, to, kiaType: 'UNDER_5', districtCode: '531601', villageCode: '5316012002', ...p };
}

/** identity.resident.marital-status-changed.v1 */
export function marital(residentId: string, from: ResidentMaritalStatusChanged['from'], to: ResidentMaritalStatusChanged['to'], p: Partial<ResidentMaritalStatusChanged> = {}): ResidentMaritalStatusChanged {
  return { residentId, from, to, districtCode: '531601', villageCode: '5316012002', ...p };
}

/** identity.resident.status-changed.v1 */
export function statusChanged(residentId: string, p: Partial<ResidentStatusChanged> & Pick<ResidentStatusChanged, 'from' | 'to'>): ResidentStatusChanged {
  return { residentId, effectiveDate: TODAY, districtCode: '531601', villageCode: '5316012002', ...p };
}

/** identity.resident.corrected.v1 */
export function corrected(residentId: string, birthDate: string, p: Partial<ResidentCorrected> = {}): ResidentCorrected {
  return { residentId, fields: ['birthDate'], birthDate, sex: 'F', districtCode: '531601', villageCode: '5316012002', ...p };
}

/** deeds.birth.registered.v1 (the names are the deeds service's; the outreach service keeps none of them) */
export function birth(eventDate: string, p: Partial<BirthRegistered> = {}): BirthRegistered {
  return {
    deedId: uuidv7(),
    registeredAt: `${TODAY}T09:00:00+08:00`,
    eventDate,
    timeliness: 'ON_TIME',
    districtCode: '531601',
    villageCode: '5316012002',
    child: { fullName: 'Bayi Uji', sex: 'F', birthPlace: 'Mbay', religion: 'KATOLIK' },
    motherName: 'Ibu Uji',
    ...p,
  };
}

/** deeds.deed.status-changed.v1 */
export function deedStep(deedId: string, from: DeedStatusChanged['from'], to: DeedStatusChanged['to'], p: Partial<DeedStatusChanged> = {}): DeedStatusChanged {
  return { deedId, deedType: 'DEATH', from, to, at: new Date().toISOString(), channel: 'OFFICE', districtCode: '531601', villageCode: '5316012002', ...p };
}

/** What the outbox holds for a subject, oldest first. */
export async function outbox(t: TestApp, subject: string): Promise<Record<string, Json>[]> {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Record<string, Json>);
}

/** Rows of the audit trail and of the outbox: "nothing written" is both unchanged. */
export async function writes(t: TestApp): Promise<{ audit: number; outbox: number }> {
  const em = t.app.get(MikroORM).em.fork();
  return { audit: await em.count(AuditEntry, {}), outbox: await em.count(OutboxEvent, {}) };
}

/** One village's row of GET /backlog. */
export async function villageBacklog(caller: Caller, villageCode: string): Promise<{ backlog: Record<string, number>; population: Record<string, number> }> {
  const res = await caller.call('GET', `/backlog?districtCode=${villageCode.slice(0, 6)}`);
  if (res.status !== 200) throw new Error(`GET /backlog: ${res.status} ${JSON.stringify(res.body)}`);
  const village = res.body.districts[0].villages.find((v: { code: string }) => v.code === villageCode);
  return { backlog: village.backlog, population: village.population };
}

/**
 * A grid of residents in one village, delivered as registrations: every age around the milestones (KIA under 17,
 * wajib KTP from 17, birth deed 0–18) × every e-KTP state (or none) × every KIA state (or none); every third of 16 or
 * over married, every other with a birth deed, every seventh dead. Each kind of the backlog occurs in it.
 */
export async function deliverResidentGrid(t: TestApp, villageCode: string): Promise<void> {
  const ages: [number, number][] = [[0, 10], [2, 0], [4, 364], [5, 0], [9, 0], [16, 364], [17, 0], [17, 200], [18, 364], [19, 0], [45, 0]];
  const ektpStates: (EktpStatusChanged['to'] | undefined)[] = [undefined, 'NOT_YET_COMPULSORY', 'NOT_RECORDED', 'RECORDED', 'PRINTED', 'ISSUED'];
  const kiaStates: (KiaStatusChanged['to'] | undefined)[] = [undefined, 'NOT_ISSUED', 'PRINTED', 'ISSUED', 'EXPIRED'];
  const where = { districtCode: villageCode.slice(0, 6), villageCode };
  let n = 0;
  for (const [years, days] of ages) {
    for (const ektpState of ektpStates) {
      for (const kiaState of kiaStates) {
        n++;
        const p = registered({
          birthDate: yearsAgo(years, days),
          origin: 'IMPORT',
          maritalStatus: years >= 16 && n % 3 === 0 ? 'KAWIN_TERCATAT' : 'BELUM_KAWIN',
          ...(ektpState ? { ektpState } : {}),
          ...(kiaState ? { kiaState } : {}),
          ...(n % 2 === 0 ? { hasBirthDeed: true } : {}),
          ...where,
        });
        await deliver(t, SUBJECTS.identity.residentRegistered, p);
        if (n % 7 === 0) await deliver(t, SUBJECTS.identity.residentStatusChanged, statusChanged(p.residentId, { from: 'ALIVE', to: 'DECEASED', change: 'DEATH', ...where }));
      }
    }
  }
}

/** One item of GET /backlog/villages/{code}/residents. */
export interface DueItem {
  readonly residentId: string;
  readonly due: string[];
}

/** The items per kind as GET /backlog counts them: HANDOVER is the e-KTPs and KIAs to hand over (deeds not included). */
export function dueTally(items: readonly DueItem[]): Record<'EKTP_RECORDING' | 'BIRTH_DEED' | 'KIA' | 'HANDOVER', number> {
  const count = (kind: string) => items.filter((i) => i.due.includes(kind)).length;
  return { EKTP_RECORDING: count('EKTP_RECORDING'), BIRTH_DEED: count('BIRTH_DEED'), KIA: count('KIA'), HANDOVER: count('EKTP_HANDOVER') + count('KIA_HANDOVER') };
}

/** GET /backlog/villages/{code}/residents: its items (throws unless 200). */
export async function villageResidents(caller: Caller, villageCode: string): Promise<DueItem[]> {
  const res = await caller.call('GET', `/backlog/villages/${villageCode}/residents`);
  if (res.status !== 200) throw new Error(`GET /backlog/villages/${villageCode}/residents: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}
