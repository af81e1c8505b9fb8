/**
 * The counts behind every indicator, each defined ONCE as a predicate over a read model's columns and compiled two
 * ways: to SQL (the figures of one day: one grouped query per table, PostgreSQL or SQLite) and to JavaScript (the
 * series: the region's rows loaded once and counted day by day). Both read the same definition, so a point of a
 * series is the figure of that day.
 *
 * A day D is written into the SQL as a literal only after it has been checked to be 'YYYY-MM-DD' (never from
 * anywhere else), so there is nothing to inject.
 */

import { EKTP_PACE_WINDOW_WEEKS } from '@adminduk/domain';

export type Table = 'reporting_resident' | 'reporting_deed' | 'reporting_visit';

/** A predicate; day offsets are relative to the day D being counted (0: D itself, -29: 29 days before). */
export type Predicate =
  /** D in [from, to): from set and ≤ D, and to null or > D. */
  | { readonly op: 'in'; readonly from: string; readonly to: string | null }
  /** The day column is set and D + lo ≤ column ≤ D + hi. */
  | { readonly op: 'window'; readonly col: string; readonly lo: number; readonly hi: number }
  | { readonly op: 'eq'; readonly col: string; readonly values: readonly string[] }
  | { readonly op: 'isNull'; readonly col: string }
  | { readonly op: 'not'; readonly p: Predicate }
  | { readonly op: 'and'; readonly ps: readonly Predicate[] }
  | { readonly op: 'or'; readonly ps: readonly Predicate[] };

export interface Measure {
  readonly key: string;
  readonly table: Table;
  readonly where: Predicate;
  /** Sum this integer column instead of counting rows. */
  readonly sum?: string;
}

/** Flow indicators (deeds, visits) count the 30 days ending on the day (the office's monthly review). */
export const PERIOD_DAYS = 30;
/** A village "not visited" has had no completed outreach visit in the 8 weeks ending on the day. */
export const NOT_VISITED_WEEKS = 8;
/**
 * e-KTP recording pace for the projection: the DATED recordings of the 8 weeks ending on the day (the domain
 * library's default window, EKTP_PACE_WINDOW_WEEKS). Residents who entered the register already recorded (an
 * import) have no recording date and are not pace.
 */
export const PACE_WEEKS = EKTP_PACE_WINDOW_WEEKS;

const inside = (from: string, to: string | null): Predicate => ({ op: 'in', from, to });
const not = (p: Predicate): Predicate => ({ op: 'not', p });
const and = (...ps: Predicate[]): Predicate => ({ op: 'and', ps });
const or = (...ps: Predicate[]): Predicate => ({ op: 'or', ps });
const eq = (col: string, ...values: string[]): Predicate => ({ op: 'eq', col, values });
const period = (col: string): Predicate => ({ op: 'window', col, lo: -(PERIOD_DAYS - 1), hi: 0 });
/** The day column is set and on or before D. */
const byDay = (col: string): Predicate => ({ op: 'window', col, lo: -1_000_000, hi: 0 });

const R: Table = 'reporting_resident';
const D: Table = 'reporting_deed';
const V: Table = 'reporting_visit';

const ektpTotal = inside('ektp_total_from', 'ektp_total_to');
const ektpRecorded = inside('ektp_cov_from', 'ektp_total_to');
const kiaTotal = inside('kia_total_from', 'kia_total_to');
const kiaWith = inside('kia_cov_from', 'kia_cov_to');
const deedTotal = inside('deed_total_from', 'deed_total_to');
// deed_cov_to ends the covered part at an annulment, and is never after deed_total_to.
const deedWith = inside('deed_cov_from', 'deed_cov_to');
const deaths = and(eq('deed_type', 'DEATH'), byDay('first_on'));
const registered = byDay('registered_on');
const rejected = byDay('rejected_on');
const annulled = byDay('annulled_on');
// A deed annulled by a court (UU 23/2006 art. 72) no longer counts as registered or issued from the day of the
// annulment: it leaves the timely-registration and BLAS / OMAS figures of the days after, as it leaves DEATH_DEED's
// REGISTERED part. (The records received stay received: the annulment does not undo the application.)
const timely = and(period('registered_on'), not({ op: 'isNull', col: 'timeliness' }), not(annulled));
const received = period('first_on');
const issuedIn = (type: string) => and(eq('deed_type', type), period('issued_on'), not({ op: 'isNull', col: 'service_days' }), not(annulled));
const visited = period('date');
// IKD (the digital ID): its whole is the residents counted as e-KTP recorded; active within those days (facts.ts).
const ikdActive = inside('ikd_cov_from', 'ikd_cov_to');
// The burial register: burials recorded by the day, attached to a death record (the deed rows of type DEATH);
// matched when that death is registered (and not annulled) by the day.
const burials = and(eq('deed_type', 'DEATH'), byDay('burial_recorded_on'));
const deathRegistered = and(registered, not(annulled));
// Integrated services: birth deeds registered in the period (not annulled) and what each one's application yielded.
const birthsRegistered = and(eq('deed_type', 'BIRTH'), period('registered_on'), not(annulled));

export const MEASURES: readonly Measure[] = [
  { key: 'ektpTotal', table: R, where: ektpTotal },
  { key: 'ektpRecorded', table: R, where: ektpRecorded },
  { key: 'ektpNotRecorded', table: R, where: and(ektpTotal, not(ektpRecorded)) },
  { key: 'ektpRecordedRecently', table: R, where: { op: 'window', col: 'ektp_recording_on', lo: -(PACE_WEEKS * 7 - 1), hi: 0 } },
  { key: 'ektpNewNextYear', table: R, where: and({ op: 'window', col: 'ektp_total_from', lo: 1, hi: 364 }, { op: 'isNull', col: 'ektp_total_to' }) },
  { key: 'kiaTotal', table: R, where: kiaTotal },
  { key: 'kiaWith', table: R, where: kiaWith },
  { key: 'kiaWithout', table: R, where: and(kiaTotal, not(kiaWith)) },
  { key: 'deedTotal', table: R, where: deedTotal },
  { key: 'deedWith', table: R, where: deedWith },
  { key: 'deedWithout', table: R, where: and(deedTotal, not(deedWith)) },
  { key: 'deathTotal', table: D, where: deaths },
  { key: 'deathRegistered', table: D, where: and(deaths, registered, not(annulled)) },
  { key: 'deathInProcess', table: D, where: and(deaths, not(registered), not(rejected), not(annulled)) },
  { key: 'deathClosed', table: D, where: and(deaths, or(annulled, and(not(registered), rejected))) },
  { key: 'timelyTotal', table: D, where: timely },
  { key: 'timelyOnTime', table: D, where: and(timely, eq('timeliness', 'ON_TIME')) },
  { key: 'timelyLateUpToOneYear', table: D, where: and(timely, eq('timeliness', 'LATE_UP_TO_ONE_YEAR')) },
  { key: 'timelyLateOverOneYear', table: D, where: and(timely, eq('timeliness', 'LATE_OVER_ONE_YEAR')) },
  { key: 'receivedTotal', table: D, where: received },
  { key: 'receivedOnline', table: D, where: and(received, eq('channel', 'ONLINE')) },
  { key: 'receivedOffice', table: D, where: and(received, eq('channel', 'OFFICE')) },
  { key: 'receivedPartner', table: D, where: and(received, eq('channel', 'PARTNER')) },
  { key: 'receivedOutreach', table: D, where: and(received, eq('channel', 'OUTREACH')) },
  { key: 'blasCount', table: D, where: issuedIn('BIRTH') },
  { key: 'omasCount', table: D, where: issuedIn('DEATH') },
  { key: 'ikdTotal', table: R, where: ektpRecorded },
  { key: 'ikdActive', table: R, where: and(ektpRecorded, ikdActive) },
  { key: 'ikdInactive', table: R, where: and(ektpRecorded, not(ikdActive)) },
  { key: 'burialTotal', table: D, where: burials },
  { key: 'burialMatched', table: D, where: and(burials, deathRegistered) },
  { key: 'burialWaiting', table: D, where: and(burials, not(deathRegistered)) },
  { key: 'burialOpenedCase', table: D, where: and(burials, eq('burial_match', 'NEW_CASE')) },
  { key: 'integratedTotal', table: D, where: birthsRegistered },
  { key: 'integratedSeveral', table: D, where: and(birthsRegistered, eq('yielded', 'SEVERAL')) },
  { key: 'integratedOne', table: D, where: and(birthsRegistered, eq('yielded', 'ONE')) },
  { key: 'integratedUnknown', table: D, where: and(birthsRegistered, { op: 'isNull', col: 'yielded' }) },
  { key: 'visits', table: V, where: visited },
  { key: 'servicesEktpRecording', table: V, where: visited, sum: 'ektp_recording' },
  { key: 'servicesBirthDeed', table: V, where: visited, sum: 'birth_deed' },
  { key: 'servicesKia', table: V, where: visited, sum: 'kia' },
  { key: 'servicesApplication', table: V, where: visited, sum: 'application' },
  { key: 'servicesHandover', table: V, where: visited, sum: 'handover' },
  { key: 'visitsRecently', table: V, where: { op: 'window', col: 'date', lo: -(NOT_VISITED_WEEKS * 7 - 1), hi: 0 } },
];

/** The service-time histograms (days → records) of BLAS and OMAS: the same records as blasCount / omasCount. */
export const HISTOGRAMS = [
  { key: 'blas', where: issuedIn('BIRTH') },
  { key: 'omas', where: issuedIn('DEATH') },
] as const;
export type HistogramKey = (typeof HISTOGRAMS)[number]['key'];

// ---------------------------------------------------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function shiftDay(day: string, days: number): string {
  if (days <= -1_000_000) return '0000-01-01';
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function literal(day: string): string {
  if (!DAY.test(day)) throw new Error(`not a day: ${day}`);
  return `'${day}'`;
}

const COLUMN = /^[a-z_]+$/;
function column(name: string): string {
  if (!COLUMN.test(name)) throw new Error(`not a column: ${name}`);
  return name;
}

/** The predicate as SQL for day `day`. */
export function toSql(p: Predicate, day: string): string {
  switch (p.op) {
    case 'in': {
      const d = literal(day);
      const to = p.to ? ` and (${column(p.to)} is null or ${column(p.to)} > ${d})` : '';
      return `(${column(p.from)} is not null and ${column(p.from)} <= ${d}${to})`;
    }
    case 'window':
      return `(${column(p.col)} is not null and ${column(p.col)} >= ${literal(shiftDay(day, p.lo))} and ${column(p.col)} <= ${literal(shiftDay(day, p.hi))})`;
    case 'eq':
      return `(${column(p.col)} in (${p.values.map((v) => `'${v.replace(/[^A-Z_]/g, '')}'`).join(', ')}))`;
    case 'isNull':
      return `(${column(p.col)} is null)`;
    case 'not':
      return `(not ${toSql(p.p, day)})`;
    case 'and':
      return `(${p.ps.map((q) => toSql(q, day)).join(' and ')})`;
    case 'or':
      return `(${p.ps.map((q) => toSql(q, day)).join(' or ')})`;
  }
}

export type Row = Record<string, string | number | null>;

/** The predicate as a JavaScript test of a row (columns by their SQL names) for day `day`. */
export function toTest(p: Predicate, day: string): (row: Row) => boolean {
  switch (p.op) {
    case 'in': {
      const { from, to } = p;
      return (r) => {
        const f = r[from] as string | null;
        if (f === null || f === undefined || f > day) return false;
        if (to === null) return true;
        const t = r[to] as string | null;
        return t === null || t === undefined || t > day;
      };
    }
    case 'window': {
      const lo = shiftDay(day, p.lo);
      const hi = shiftDay(day, p.hi);
      const col = p.col;
      return (r) => {
        const v = r[col] as string | null;
        return v !== null && v !== undefined && v >= lo && v <= hi;
      };
    }
    case 'eq': {
      const values = new Set(p.values);
      const col = p.col;
      return (r) => values.has(r[col] as string);
    }
    case 'isNull': {
      const col = p.col;
      return (r) => r[col] === null || r[col] === undefined;
    }
    case 'not': {
      const t = toTest(p.p, day);
      return (r) => !t(r);
    }
    case 'and': {
      const ts = p.ps.map((q) => toTest(q, day));
      return (r) => ts.every((t) => t(r));
    }
    case 'or': {
      const ts = p.ps.map((q) => toTest(q, day));
      return (r) => ts.some((t) => t(r));
    }
  }
}

/** The columns a predicate reads. */
export function columnsOf(p: Predicate, into = new Set<string>()): Set<string> {
  switch (p.op) {
    case 'in':
      into.add(p.from);
      if (p.to) into.add(p.to);
      break;
    case 'window':
    case 'eq':
    case 'isNull':
      into.add(p.col);
      break;
    case 'not':
      columnsOf(p.p, into);
      break;
    case 'and':
    case 'or':
      for (const q of p.ps) columnsOf(q, into);
      break;
  }
  return into;
}
