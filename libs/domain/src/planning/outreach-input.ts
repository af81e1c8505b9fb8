/**
 * The input of the outreach planner ("jemput bola": every Wednesday and Friday the office's teams go out to
 * the villages to record e-KTPs, take applications and hand out finished documents), its defaults, and its
 * validation into a compact model that the planner (outreach-planner.ts) and the coverage projection
 * (coverage-projection.ts) share.
 *
 * Service kinds (`SERVICE_KINDS`), each with a backlog per village and a capacity per team and visit-day:
 * - `EKTP_RECORDING`: wajib-KTP residents (17 or older, or ever married; UU 24/2013 art. 63) whose e-KTP
 *   biometrics are not recorded yet; a team records them with its mobile recording kit;
 * - `BIRTH_DEED`: children without a birth deed, whose application the team takes (UU 23/2006 art. 27);
 * - `KIA`: children without a child identity card (Permendagri 2/2016), whose application the team takes;
 * - `APPLICATION`: other open applications waiting for the applicant (a missing document, a signature);
 * - `HANDOVER`: finished documents (e-KTP, KIA, KK, deeds) waiting to be handed over.
 *
 * Time model (one visit = one team, one village, one service day; a team makes at most one visit a day):
 *
 *   minutes of a visit = 2 × travel (out and back) + setupMinutes + Σ over kinds (served × serviceMinutes[kind])
 *                      ≤ dayMinutes
 *
 * Travel is from the office (`village.travelMinutes`, one way) unless the team has a home base, whose own
 * table of one-way minutes then applies; a village missing from a base's table is out of that team's reach.
 * Service times are per unit and serial: a team whose operators work side by side is described by smaller
 * minutes per service. The defaults (`DEFAULT_SERVICE_MINUTES`) are our estimates from the steps of each
 * service, not measured figures: e-KTP recording 6 minutes (photo, signature, ten fingerprints, iris, data
 * check), a birth deed application 10 (checking the birth letter, KK, parents' KTPs and marriage document,
 * Permendagri 9/2016, and filling in the form), a KIA application 4 (checking the birth deed and KK, a photo
 * from age 5), another open application 10, a hand-over 2 (identity check and signed receipt). Setting up
 * at the village hall (kit, generator, queue) takes `setupMinutes`, 30 by default. Replace them by the
 * office's own timings.
 *
 * Everything is checked and every problem reported (codes in `OUTREACH_INPUT_ERROR_CODES`, each with a
 * `path` to the offending field); nothing throws, whatever the input.
 */
import { addDays, asOfToYmd, daysBetween, parseIsoDate, ymdToIso, type AsOf, type IsoDate } from '../calendar.js';
import { NATIONAL_HOLIDAYS, type HolidayCalendar } from '../holidays.js';
import { findRegion } from '../regions/regions.js';
import type { Problem } from '../result.js';

export type ServiceKind = 'EKTP_RECORDING' | 'BIRTH_DEED' | 'KIA' | 'APPLICATION' | 'HANDOVER';

/** The service kinds, in the order every per-kind array of the planner uses. */
export const SERVICE_KINDS: readonly ServiceKind[] = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'];

/** A count per service kind. */
export type ServiceCounts = { readonly [K in ServiceKind]: number };

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';

export const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** The office's outreach days: Wednesday and Friday. */
export const DEFAULT_SERVICE_DAYS: readonly Weekday[] = ['WED', 'FRI'];

/** A working day of 8 hours, travel both ways included. */
export const DEFAULT_DAY_MINUTES = 480;

/** Setting up at the village hall: unpacking the recording kit, power, the queue. */
export const DEFAULT_SETUP_MINUTES = 30;

/** Minutes per unit of service; our estimates (see the module comment), to be replaced by measured ones. */
export const DEFAULT_SERVICE_MINUTES: ServiceCounts = { EKTP_RECORDING: 6, BIRTH_DEED: 10, KIA: 4, APPLICATION: 10, HANDOVER: 2 };

/**
 * Weight of one resident-day of waiting, per kind (the planner minimises the weighted sum; see
 * outreach-planner.ts). e-KTP recording first (4): without it an adult has no e-KTP, which every other
 * service asks for (health insurance, social assistance, banking, the voter list), it is the indicator with
 * the highest target (99.4% in 2023) and Nagekeo's largest gap (about one wajib-KTP resident in six in 2022).
 * Birth deeds next (3): a child's legal identity and the key to school enrolment, target 98%. Open applications
 * and hand-overs (2): the resident has already applied, or the document is made and only the trip is missing.
 * KIA last (1): target 50%, and a child without one loses less than a child without a deed.
 */
export const DEFAULT_WEIGHTS: ServiceCounts = { EKTP_RECORDING: 4, BIRTH_DEED: 3, KIA: 1, APPLICATION: 2, HANDOVER: 2 };

/**
 * Effort of the iterated local search after its first descent, in village refills (one refill = recomputing
 * what the visits to one village deliver); about 0.2 s on one core for Nagekeo.
 */
export const DEFAULT_SEARCH_EFFORT = 1_000_000;

/** The longest horizon accepted, in weeks (ten years). */
export const MAX_PLAN_WEEKS = 520;

/** A team's own starting point (a kecamatan office, say) instead of the Dukcapil office. */
export interface TeamBase {
  readonly name: string;
  /** One-way travel minutes from the base, by village code; villages not listed are out of the team's reach. */
  readonly travelMinutes: Readonly<Record<string, number>>;
}

export interface OutreachTeam {
  readonly id: string;
  /** The services the team offers (a team without a recording kit does not offer EKTP_RECORDING). */
  readonly services: readonly ServiceKind[];
  /**
   * The most it delivers per visit-day, per kind (e-KTP recordings are limited by the kit). A kind the team
   * offers without a capacity is limited by the working day only.
   */
  readonly capacity?: Readonly<Partial<Record<ServiceKind, number>>>;
  /** Where the team starts from, when not the office. */
  readonly base?: TeamBase;
}

export interface OutreachVillage {
  /** Kemendagri village code, '5316012002' or '53.16.01.2002'. */
  readonly code: string;
  /** The kecamatan's code, '531601' or '53.16.01'; the village code must start with it. */
  readonly districtCode: string;
  /** One-way travel minutes from the office. */
  readonly travelMinutes: number;
  /** What is waiting there, per kind (missing kinds: 0). */
  readonly backlog: Readonly<Partial<Record<ServiceKind, number>>>;
  /** Wajib-KTP residents (recorded or not); needed by projectCoverage only. */
  readonly wajibKtp?: number;
  /** Residents becoming wajib KTP per week (turning 17, marrying); used by projectCoverage only. Default 0. */
  readonly newWajibKtpPerWeek?: number;
}

export interface OutreachInput {
  /** The date the backlog figures are from. */
  readonly asOf: AsOf;
  /** The first day of the plan (default: asOf); not before asOf. */
  readonly startDate?: IsoDate;
  /** Length of the plan in weeks, 1–520. */
  readonly weeks: number;
  readonly teams: readonly OutreachTeam[];
  readonly villages: readonly OutreachVillage[];
  /** Weekdays the teams go out (default Wednesday and Friday). */
  readonly serviceDays?: readonly Weekday[];
  /** Further holidays (the national ones come from `holidayCalendar`). */
  readonly holidays?: readonly IsoDate[];
  /**
   * The national holidays and cuti bersama (default NATIONAL_HOLIDAYS, from the joint decrees; extend it with
   * extendHolidayCalendar). No visit is planned on them unless `allowHolidays` names the day.
   */
  readonly holidayCalendar?: HolidayCalendar;
  /** Holidays (of the calendar or `holidays`) on which visits may be planned all the same: the plan lists them. */
  readonly allowHolidays?: readonly IsoDate[];
  /** Other days without outreach (office events, elections, a broken kit). */
  readonly blackouts?: readonly IsoDate[];
  /** Working minutes per day, travel both ways included (default 480). */
  readonly dayMinutes?: number;
  readonly setupMinutes?: number;
  readonly serviceMinutes?: Readonly<Partial<Record<ServiceKind, number>>>;
  readonly weights?: Readonly<Partial<Record<ServiceKind, number>>>;
  /** Village refills the local search may spend after its first descent (default 1,000,000; 0: descent only). */
  readonly searchEffort?: number;
  /** Seed of the perturbations (default 1): the same input and seed give the same plan. */
  readonly seed?: number;
}

/**
 * - `PLAN_INPUT_INVALID`: the input is not an object;
 * - `PLAN_AS_OF_INVALID`, `PLAN_START_DATE_INVALID`: not a real date; `PLAN_START_BEFORE_AS_OF`;
 * - `PLAN_WEEKS_INVALID`: not an integer from 1 to 520;
 * - `PLAN_NO_SERVICE_DAYS`: the list of service weekdays is empty; `PLAN_SERVICE_DAY_INVALID`: an entry is
 *   not MON…SUN;
 * - `PLAN_HOLIDAY_INVALID`, `PLAN_BLACKOUT_INVALID`: not a list of real ISO dates (or a holidayCalendar that is not
 *   { years: [{ year, days: [{ date, name }] }] });
 * - `PLAN_ALLOW_HOLIDAY_INVALID`: an entry of allowHolidays is not a real date that is a holiday of the calendar or
 *   of `holidays` (an override names the holiday it overrides);
 * - `PLAN_DAY_MINUTES_INVALID` (not a number over 0 and at most 1,440), `PLAN_SETUP_MINUTES_INVALID`,
 *   `PLAN_SERVICE_MINUTES_INVALID` (not numbers ≥ 0), `PLAN_WEIGHTS_INVALID` (not numbers > 0, or a kind
 *   unknown), `PLAN_SEARCH_INVALID` (searchEffort not a whole number from 0 to 10^9, or seed not a
 *   whole number);
 * - `PLAN_NO_TEAMS`; `PLAN_TEAM_INVALID`: not an object, no id, services or capacity malformed;
 *   `PLAN_TEAM_DUPLICATE`: an id twice; `PLAN_TEAM_BASE_INVALID`: a base without a name or with travel times
 *   that are not numbers ≥ 0 under village codes;
 * - `PLAN_NO_VILLAGES`; `PLAN_VILLAGE_INVALID`: not an object or a malformed code; `PLAN_VILLAGE_DUPLICATE`;
 *   `PLAN_VILLAGE_UNKNOWN_KECAMATAN`: the kecamatan is not a current one in our region data;
 *   `PLAN_VILLAGE_KECAMATAN_MISMATCH`: the village code does not start with the kecamatan's;
 *   `PLAN_VILLAGE_TRAVEL_INVALID`: not a number ≥ 0; `PLAN_VILLAGE_BACKLOG_INVALID`: not whole numbers ≥ 0
 *   under known kinds; `PLAN_VILLAGE_WAJIB_KTP_INVALID`: wajibKtp not a whole number ≥ 0 or smaller than the
 *   e-KTP backlog, or newWajibKtpPerWeek not a number ≥ 0.
 */
export type OutreachInputErrorCode = (typeof OUTREACH_INPUT_ERROR_CODES)[number];

export const OUTREACH_INPUT_ERROR_CODES = [
  'PLAN_INPUT_INVALID',
  'PLAN_AS_OF_INVALID',
  'PLAN_START_DATE_INVALID',
  'PLAN_START_BEFORE_AS_OF',
  'PLAN_WEEKS_INVALID',
  'PLAN_NO_SERVICE_DAYS',
  'PLAN_SERVICE_DAY_INVALID',
  'PLAN_HOLIDAY_INVALID',
  'PLAN_BLACKOUT_INVALID',
  'PLAN_ALLOW_HOLIDAY_INVALID',
  'PLAN_DAY_MINUTES_INVALID',
  'PLAN_SETUP_MINUTES_INVALID',
  'PLAN_SERVICE_MINUTES_INVALID',
  'PLAN_WEIGHTS_INVALID',
  'PLAN_SEARCH_INVALID',
  'PLAN_NO_TEAMS',
  'PLAN_TEAM_INVALID',
  'PLAN_TEAM_DUPLICATE',
  'PLAN_TEAM_BASE_INVALID',
  'PLAN_NO_VILLAGES',
  'PLAN_VILLAGE_INVALID',
  'PLAN_VILLAGE_DUPLICATE',
  'PLAN_VILLAGE_UNKNOWN_KECAMATAN',
  'PLAN_VILLAGE_KECAMATAN_MISMATCH',
  'PLAN_VILLAGE_TRAVEL_INVALID',
  'PLAN_VILLAGE_BACKLOG_INVALID',
  'PLAN_VILLAGE_WAJIB_KTP_INVALID',
] as const;

/**
 * Findings that leave the input usable:
 * - `PLAN_VILLAGE_UNREACHABLE`: no team can reach the village and deliver one of its services within the day;
 * - `PLAN_SERVICE_NOT_OFFERED`: a village has a backlog of a kind that no team offers;
 * - `PLAN_TEAM_BASE_VILLAGE_UNKNOWN`: a base's travel table names a village that is not in the input;
 * - `PLAN_NO_SERVICE_DATES`: every service day of the horizon is a holiday or a blackout (the plan is empty);
 * - `PLAN_HOLIDAYS_INCOMPLETE`: the horizon reaches a year whose national holidays the calendar does not list in full
 *   (its joint decree is not in): a visit may fall on a holiday nobody told the planner about.
 */
export type OutreachWarningCode = (typeof OUTREACH_WARNING_CODES)[number];

export const OUTREACH_WARNING_CODES = [
  'PLAN_VILLAGE_UNREACHABLE',
  'PLAN_SERVICE_NOT_OFFERED',
  'PLAN_TEAM_BASE_VILLAGE_UNKNOWN',
  'PLAN_NO_SERVICE_DATES',
  'PLAN_HOLIDAYS_INCOMPLETE',
] as const;

/** A problem of the planning functions, with the path of the field it is about ('teams[1].capacity.KIA'). */
export interface PlanningProblem<Code extends string> extends Problem<Code> {
  readonly path: string;
}

/** A result whose problems carry paths: `{ ok: true, value, warnings }` or `{ ok: false, errors }`. */
export type PlanningResult<Value, ErrorCode extends string, WarningCode extends string = never> =
  | { readonly ok: true; readonly value: Value; readonly warnings: readonly PlanningProblem<WarningCode>[] }
  | { readonly ok: false; readonly errors: readonly PlanningProblem<ErrorCode>[] };

/** Why a service weekday of the horizon has no outreach. */
export interface SkippedDate {
  readonly date: IsoDate;
  readonly reason: 'HOLIDAY' | 'BLACKOUT';
  /** The holiday's name, when the calendar gives one ('Kelahiran Yesus Kristus'). */
  readonly name?: string;
}

/** A holiday on which the plan may place visits, because the input overrode it (allowHolidays). */
export interface AllowedHoliday {
  readonly date: IsoDate;
  /** The calendar's name of the day; null for a date of `holidays` without one. */
  readonly name: string | null;
}

/** Number of service kinds; per-kind arrays are indexed in SERVICE_KINDS order. */
export const K = 5;

/** The validated input, in arrays indexed by village, team, service date and kind. Internal. */
export interface OutreachModel {
  readonly startYmd: number;
  readonly startDate: IsoDate;
  readonly weeks: number;
  /** 7 × weeks: how long an unserved resident waits within the horizon. */
  readonly horizonDays: number;
  readonly serviceDays: readonly Weekday[];
  readonly holidayYmds: ReadonlySet<number>;
  readonly blackoutYmds: ReadonlySet<number>;
  readonly dates: readonly IsoDate[];
  /** Days from the start date, per service date. */
  readonly offsets: readonly number[];
  readonly skipped: readonly SkippedDate[];
  /** The service days of the horizon that are holidays planned on by override. */
  readonly allowedHolidays: readonly AllowedHoliday[];
  readonly villageCodes: readonly string[];
  /** Per village, its position in the input's list (for the paths of problems). */
  readonly villageInputIndexes: readonly number[];
  readonly districtCodes: readonly string[];
  readonly wajibKtp: readonly (number | undefined)[];
  readonly newPerWeek: readonly number[];
  /** V × K, village-major. */
  readonly backlog: Float64Array;
  readonly teamIds: readonly string[];
  /** T × K: capacity per kind (Infinity when not limited, 0 when not offered). */
  readonly capacity: Float64Array;
  /** T × V: one-way travel minutes, or -1 when the team cannot work there. */
  readonly travel: Float64Array;
  /** T × V: minutes left for service after travel and setup, or -1 when the team cannot work there. */
  readonly serviceTime: Float64Array;
  /** Per team, the villages it can work in, by index (code order). */
  readonly reach: readonly Int32Array[];
  readonly dayMinutes: number;
  readonly setupMinutes: number;
  readonly minutes: readonly number[];
  readonly weights: readonly number[];
  /** Kinds in the order a visit's floors and leftover minutes go to: weight per minute, highest first (ties: SERVICE_KINDS order). */
  readonly fillOrder: readonly number[];
  readonly searchEffort: number;
  readonly seed: number;
}

type Errors = PlanningProblem<OutreachInputErrorCode>[];
type Warnings = PlanningProblem<OutreachWarningCode>[];

const VILLAGE_DOTTED = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const VILLAGE_PLAIN = /^\d{10}$/;
const DISTRICT_DOTTED = /^\d{2}\.\d{2}\.\d{2}$/;
const DISTRICT_PLAIN = /^\d{6}$/;
/** 2024-01-01, a Monday: the weekday of a date is its distance from it, modulo 7. */
const A_MONDAY = 20240101;

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMinutes(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function normaliseCode(value: unknown, dotted: RegExp, plain: RegExp): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim();
  if (plain.test(code)) return code;
  return dotted.test(code) ? code.replace(/\./g, '') : undefined;
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(dateYmd: number): number {
  return ((daysBetween(A_MONDAY, dateYmd) % 7) + 7) % 7;
}

/** Reads a per-kind object (capacity, minutes, weights, backlog); `check` says whether a value is acceptable. */
function readKinds(
  value: unknown,
  path: string,
  check: (v: unknown) => boolean,
  code: OutreachInputErrorCode,
  what: string,
  errors: Errors,
): (number | undefined)[] {
  const out: (number | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  if (value === undefined) return out;
  if (!isRecord(value)) {
    errors.push({ code, path, message: `${path} must be an object of ${what} by service kind; got ${describe(value)}` });
    return out;
  }
  for (const key of Object.keys(value)) {
    const k = SERVICE_KINDS.indexOf(key as ServiceKind);
    const v = value[key];
    if (k < 0) errors.push({ code, path: `${path}.${key}`, message: `${path}: ${key} is not a service kind (${SERVICE_KINDS.join(', ')})` });
    else if (v === undefined) continue;
    else if (!check(v)) errors.push({ code, path: `${path}.${key}`, message: `${path}.${key} must be ${what}; got ${describe(v)}` });
    else out[k] = v as number;
  }
  return out;
}

function readDates(value: unknown, path: string, code: OutreachInputErrorCode, errors: Errors): Set<number> {
  const out = new Set<number>();
  if (value === undefined) return out;
  if (!Array.isArray(value)) {
    errors.push({ code, path, message: `${path} must be a list of dates 'YYYY-MM-DD'; got ${describe(value)}` });
    return out;
  }
  value.forEach((d: unknown, i) => {
    const parsed = parseIsoDate(d);
    if (parsed === undefined) errors.push({ code, path: `${path}[${i}]`, message: `${path}[${i}] is not a real date 'YYYY-MM-DD'; got ${describe(d)}` });
    else out.add(parsed);
  });
  return out;
}

interface TeamDraft {
  readonly id: string;
  readonly offers: boolean[];
  readonly capacity: (number | undefined)[];
  readonly base?: { readonly travel: ReadonlyMap<string, number> };
}

/** The calendar's days by date (YYYYMMDD → name), the calendar's years known in full; undefined when malformed. */
function readCalendar(value: unknown, errors: Errors): { names: Map<number, string>; complete: Set<number> } | undefined {
  const calendar = value === undefined ? NATIONAL_HOLIDAYS : value;
  const names = new Map<number, string>();
  const complete = new Set<number>();
  const years = isRecord(calendar) ? calendar.years : undefined;
  let valid = Array.isArray(years);
  if (Array.isArray(years)) {
    for (const y of years as unknown[]) {
      if (!isRecord(y) || !Array.isArray(y.days)) {
        valid = false;
        continue;
      }
      if (y.complete === true && typeof y.year === 'number') complete.add(y.year);
      for (const d of y.days as unknown[]) {
        const ymd = isRecord(d) ? parseIsoDate(d.date) : undefined;
        if (ymd === undefined || !isRecord(d) || typeof d.name !== 'string') valid = false;
        else names.set(ymd, d.name);
      }
    }
  }
  if (!valid) {
    errors.push({ code: 'PLAN_HOLIDAY_INVALID', path: 'holidayCalendar', message: "holidayCalendar must be { years: [{ year, complete, days: [{ date: 'YYYY-MM-DD', kind, name }] }] } (NATIONAL_HOLIDAYS, or extendHolidayCalendar's)" });
    return undefined;
  }
  return { names, complete };
}

function readTeams(value: unknown, errors: Errors): TeamDraft[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({
      code: 'PLAN_NO_TEAMS',
      path: 'teams',
      message: Array.isArray(value) ? 'there is no team to plan with: add an outreach team first' : `teams must be a list of outreach teams; got ${describe(value)}`,
    });
    return [];
  }
  const teams: TeamDraft[] = [];
  const seen = new Set<string>();
  value.forEach((team: unknown, i) => {
    const path = `teams[${i}]`;
    if (!isRecord(team)) {
      errors.push({ code: 'PLAN_TEAM_INVALID', path, message: `${path} must be an object { id, services, capacity?, base? }; got ${describe(team)}` });
      return;
    }
    let valid = true;
    const id = team.id;
    if (typeof id !== 'string' || id.trim() === '') {
      errors.push({ code: 'PLAN_TEAM_INVALID', path: `${path}.id`, message: `${path}.id must be a non-empty string; got ${describe(id)}` });
      valid = false;
    } else if (seen.has(id)) {
      errors.push({ code: 'PLAN_TEAM_DUPLICATE', path: `${path}.id`, message: `team id ${JSON.stringify(id)} is used twice` });
      valid = false;
    } else seen.add(id);
    const offers = [false, false, false, false, false];
    if (!Array.isArray(team.services) || team.services.length === 0) {
      errors.push({ code: 'PLAN_TEAM_INVALID', path: `${path}.services`, message: `${path}.services must be a non-empty list of service kinds; got ${describe(team.services)}` });
      valid = false;
    } else {
      team.services.forEach((s: unknown, j) => {
        const k = SERVICE_KINDS.indexOf(s as ServiceKind);
        if (k < 0) {
          errors.push({ code: 'PLAN_TEAM_INVALID', path: `${path}.services[${j}]`, message: `${path}.services[${j}] is not a service kind (${SERVICE_KINDS.join(', ')}); got ${describe(s)}` });
          valid = false;
        } else offers[k] = true;
      });
    }
    const before = errors.length;
    const capacity = readKinds(team.capacity, `${path}.capacity`, isCount, 'PLAN_TEAM_INVALID', 'a whole number ≥ 0', errors);
    if (errors.length > before) valid = false;
    let base: TeamDraft['base'];
    if (team.base !== undefined) {
      const b = team.base;
      const bpath = `${path}.base`;
      if (!isRecord(b)) {
        errors.push({ code: 'PLAN_TEAM_BASE_INVALID', path: bpath, message: `${bpath} must be an object { name, travelMinutes }; got ${describe(b)}` });
        valid = false;
      } else {
        if (typeof b.name !== 'string' || b.name.trim() === '') {
          errors.push({ code: 'PLAN_TEAM_BASE_INVALID', path: `${bpath}.name`, message: `${bpath}.name must be a non-empty string; got ${describe(b.name)}` });
          valid = false;
        }
        const travel = new Map<string, number>();
        if (!isRecord(b.travelMinutes)) {
          errors.push({ code: 'PLAN_TEAM_BASE_INVALID', path: `${bpath}.travelMinutes`, message: `${bpath}.travelMinutes must be an object of minutes by village code; got ${describe(b.travelMinutes)}` });
          valid = false;
        } else {
          for (const [key, minutes] of Object.entries(b.travelMinutes)) {
            const code = normaliseCode(key, VILLAGE_DOTTED, VILLAGE_PLAIN);
            if (code === undefined || !isMinutes(minutes)) {
              errors.push({
                code: 'PLAN_TEAM_BASE_INVALID',
                path: `${bpath}.travelMinutes.${key}`,
                message: code === undefined ? `${bpath}.travelMinutes: ${describe(key)} is not a village code` : `${bpath}.travelMinutes.${key} must be minutes ≥ 0; got ${describe(minutes)}`,
              });
              valid = false;
            } else travel.set(code, minutes);
          }
        }
        base = { travel };
      }
    }
    if (valid) teams.push({ id: id as string, offers, capacity, ...(base ? { base } : {}) });
  });
  return teams;
}

interface VillageDraft {
  /** Position in the input's list (the problems' paths use it). */
  readonly index: number;
  readonly code: string;
  readonly districtCode: string;
  readonly travel: number;
  readonly backlog: number[];
  readonly wajibKtp: number | undefined;
  readonly newPerWeek: number;
}

function readVillages(value: unknown, errors: Errors): VillageDraft[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({ code: 'PLAN_NO_VILLAGES', path: 'villages', message: `villages must be a non-empty list; got ${describe(value)}` });
    return [];
  }
  const villages: VillageDraft[] = [];
  const seen = new Set<string>();
  value.forEach((village: unknown, i) => {
    const path = `villages[${i}]`;
    if (!isRecord(village)) {
      errors.push({ code: 'PLAN_VILLAGE_INVALID', path, message: `${path} must be an object { code, districtCode, travelMinutes, backlog }; got ${describe(village)}` });
      return;
    }
    let valid = true;
    const code = normaliseCode(village.code, VILLAGE_DOTTED, VILLAGE_PLAIN);
    if (code === undefined) {
      errors.push({ code: 'PLAN_VILLAGE_INVALID', path: `${path}.code`, message: `${path}.code must be a village code ('5316012002' or '53.16.01.2002'); got ${describe(village.code)}` });
      valid = false;
    } else if (seen.has(code)) {
      errors.push({ code: 'PLAN_VILLAGE_DUPLICATE', path: `${path}.code`, message: `village ${code} is listed twice` });
      valid = false;
    } else seen.add(code);
    const districtCode = normaliseCode(village.districtCode, DISTRICT_DOTTED, DISTRICT_PLAIN);
    const district = districtCode === undefined ? undefined : findRegion(districtCode);
    if (district === undefined || district.level !== 'district' || district.historical) {
      errors.push({
        code: 'PLAN_VILLAGE_UNKNOWN_KECAMATAN',
        path: `${path}.districtCode`,
        message:
          district?.historical === true
            ? `${path}.districtCode ${districtCode} is a retired kecamatan code`
            : `${path}.districtCode must be a current kecamatan code ('531601' or '53.16.01'); got ${describe(village.districtCode)}`,
      });
      valid = false;
    } else if (code !== undefined && !code.startsWith(district.code)) {
      errors.push({ code: 'PLAN_VILLAGE_KECAMATAN_MISMATCH', path: `${path}.code`, message: `village ${code} is not in kecamatan ${district.code} (${district.name})` });
      valid = false;
    }
    if (!isMinutes(village.travelMinutes)) {
      errors.push({ code: 'PLAN_VILLAGE_TRAVEL_INVALID', path: `${path}.travelMinutes`, message: `${path}.travelMinutes must be minutes ≥ 0 (one way, from the office); got ${describe(village.travelMinutes)}` });
      valid = false;
    }
    const before = errors.length;
    if (village.backlog === undefined) {
      errors.push({ code: 'PLAN_VILLAGE_BACKLOG_INVALID', path: `${path}.backlog`, message: `${path}.backlog must be an object of counts by service kind; got undefined` });
    }
    const backlog = readKinds(village.backlog, `${path}.backlog`, isCount, 'PLAN_VILLAGE_BACKLOG_INVALID', 'a whole number ≥ 0', errors).map((n) => n ?? 0);
    if (errors.length > before) valid = false;
    const wajibKtp = village.wajibKtp;
    if (wajibKtp !== undefined && (!isCount(wajibKtp) || wajibKtp < (backlog[0] as number))) {
      errors.push({
        code: 'PLAN_VILLAGE_WAJIB_KTP_INVALID',
        path: `${path}.wajibKtp`,
        message: isCount(wajibKtp)
          ? `${path}.wajibKtp (${wajibKtp}) is smaller than the e-KTP backlog (${backlog[0]}): the residents not recorded are among the wajib KTP`
          : `${path}.wajibKtp must be a whole number ≥ 0; got ${describe(wajibKtp)}`,
      });
      valid = false;
    }
    const newPerWeek = village.newWajibKtpPerWeek;
    if (newPerWeek !== undefined && !isMinutes(newPerWeek)) {
      errors.push({ code: 'PLAN_VILLAGE_WAJIB_KTP_INVALID', path: `${path}.newWajibKtpPerWeek`, message: `${path}.newWajibKtpPerWeek must be a number ≥ 0; got ${describe(newPerWeek)}` });
      valid = false;
    }
    if (valid) {
      villages.push({
        index: i,
        code: code as string,
        districtCode: (district as { code: string }).code,
        travel: village.travelMinutes as number,
        backlog,
        wajibKtp: wajibKtp as number | undefined,
        newPerWeek: (newPerWeek as number | undefined) ?? 0,
      });
    }
  });
  return villages;
}

function readNumber(
  value: unknown,
  fallback: number,
  ok: (v: number) => boolean,
  code: OutreachInputErrorCode,
  path: string,
  what: string,
  errors: Errors,
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && ok(value)) return value;
  errors.push({ code, path, message: `${path} must be ${what}; got ${describe(value)}` });
  return fallback;
}

/**
 * Checks an outreach input and compiles it into the planner's model, with every problem found. Internal:
 * planVisits, roundRobinPlan, projectCoverage and capacityForDate call it.
 */
export function compileOutreachInput(
  input: unknown,
): { readonly ok: true; readonly model: OutreachModel; readonly warnings: Warnings } | { readonly ok: false; readonly errors: Errors } {
  if (!isRecord(input)) {
    return { ok: false, errors: [{ code: 'PLAN_INPUT_INVALID', path: '', message: `the input must be an object { asOf, weeks, teams, villages, … }; got ${describe(input)}` }] };
  }
  const errors: Errors = [];
  const warnings: Warnings = [];
  const asOfYmd = asOfToYmd(input.asOf as AsOf);
  if (asOfYmd === undefined) errors.push({ code: 'PLAN_AS_OF_INVALID', path: 'asOf', message: `asOf must be a real date 'YYYY-MM-DD' or a valid Date; got ${describe(input.asOf)}` });
  let startYmd = asOfYmd;
  if (input.startDate !== undefined) {
    startYmd = parseIsoDate(input.startDate);
    if (startYmd === undefined) errors.push({ code: 'PLAN_START_DATE_INVALID', path: 'startDate', message: `startDate must be a real date 'YYYY-MM-DD'; got ${describe(input.startDate)}` });
    else if (asOfYmd !== undefined && startYmd < asOfYmd) {
      errors.push({ code: 'PLAN_START_BEFORE_AS_OF', path: 'startDate', message: `startDate ${ymdToIso(startYmd)} is before asOf ${ymdToIso(asOfYmd)}: the backlog is not known then` });
    }
  }
  const weeks = input.weeks;
  const weeksValid = typeof weeks === 'number' && Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_PLAN_WEEKS;
  if (!weeksValid) errors.push({ code: 'PLAN_WEEKS_INVALID', path: 'weeks', message: `weeks must be a whole number from 1 to ${MAX_PLAN_WEEKS}; got ${describe(weeks)}` });

  let serviceDays: Weekday[] = [...DEFAULT_SERVICE_DAYS];
  if (input.serviceDays !== undefined) {
    if (!Array.isArray(input.serviceDays) || input.serviceDays.length === 0) {
      errors.push({ code: 'PLAN_NO_SERVICE_DAYS', path: 'serviceDays', message: `serviceDays must list at least one weekday (MON … SUN); got ${describe(input.serviceDays)}` });
      serviceDays = [];
    } else {
      const days = new Set<Weekday>();
      input.serviceDays.forEach((d: unknown, i) => {
        if (WEEKDAYS.includes(d as Weekday)) days.add(d as Weekday);
        else errors.push({ code: 'PLAN_SERVICE_DAY_INVALID', path: `serviceDays[${i}]`, message: `serviceDays[${i}] must be one of ${WEEKDAYS.join(', ')}; got ${describe(d)}` });
      });
      serviceDays = WEEKDAYS.filter((d) => days.has(d));
    }
  }
  const holidayYmds = readDates(input.holidays, 'holidays', 'PLAN_HOLIDAY_INVALID', errors);
  const blackoutYmds = readDates(input.blackouts, 'blackouts', 'PLAN_BLACKOUT_INVALID', errors);
  const calendar = readCalendar(input.holidayCalendar, errors);
  const holidayNames = calendar?.names ?? new Map<number, string>();
  for (const ymd of holidayNames.keys()) holidayYmds.add(ymd);
  const allowYmds = new Set<number>();
  if (input.allowHolidays !== undefined) {
    if (!Array.isArray(input.allowHolidays)) {
      errors.push({ code: 'PLAN_ALLOW_HOLIDAY_INVALID', path: 'allowHolidays', message: `allowHolidays must be a list of holidays 'YYYY-MM-DD'; got ${describe(input.allowHolidays)}` });
    } else {
      input.allowHolidays.forEach((d: unknown, i) => {
        const ymd = parseIsoDate(d);
        if (ymd !== undefined && holidayYmds.has(ymd)) allowYmds.add(ymd);
        else if (calendar !== undefined) {
          errors.push({
            code: 'PLAN_ALLOW_HOLIDAY_INVALID',
            path: `allowHolidays[${i}]`,
            message: ymd === undefined ? `allowHolidays[${i}] is not a real date 'YYYY-MM-DD'; got ${describe(d)}` : `allowHolidays[${i}]: ${ymdToIso(ymd)} is no holiday, so there is nothing to override`,
          });
        }
      });
    }
  }
  const dayMinutes = readNumber(input.dayMinutes, DEFAULT_DAY_MINUTES, (v) => v > 0 && v <= 1440, 'PLAN_DAY_MINUTES_INVALID', 'dayMinutes', 'minutes over 0 and at most 1,440', errors);
  const setupMinutes = readNumber(input.setupMinutes, DEFAULT_SETUP_MINUTES, isMinutes, 'PLAN_SETUP_MINUTES_INVALID', 'setupMinutes', 'minutes ≥ 0', errors);
  const searchEffort = readNumber(input.searchEffort, DEFAULT_SEARCH_EFFORT, (v) => Number.isInteger(v) && v >= 0 && v <= 1e9, 'PLAN_SEARCH_INVALID', 'searchEffort', 'a whole number from 0 to 1,000,000,000', errors);
  const seed = readNumber(input.seed, 1, (v) => Number.isSafeInteger(v), 'PLAN_SEARCH_INVALID', 'seed', 'a whole number', errors);
  const minutesIn = readKinds(input.serviceMinutes, 'serviceMinutes', isMinutes, 'PLAN_SERVICE_MINUTES_INVALID', 'minutes ≥ 0', errors);
  const weightsIn = readKinds(input.weights, 'weights', (v) => typeof v === 'number' && Number.isFinite(v) && v > 0, 'PLAN_WEIGHTS_INVALID', 'a number > 0', errors);
  const teams = readTeams(input.teams, errors);
  const villages = readVillages(input.villages, errors);
  if (errors.length > 0 || asOfYmd === undefined || startYmd === undefined) return { ok: false, errors };

  const minutes = SERVICE_KINDS.map((kind, k) => minutesIn[k] ?? DEFAULT_SERVICE_MINUTES[kind]);
  const weights = SERVICE_KINDS.map((kind, k) => weightsIn[k] ?? DEFAULT_WEIGHTS[kind]);
  const fillOrder = [0, 1, 2, 3, 4].sort((a, b) => {
    const ra = (weights[a] as number) / (minutes[a] as number);
    const rb = (weights[b] as number) / (minutes[b] as number);
    return ra === rb ? a - b : rb - ra;
  });

  // Service dates of the horizon.
  const weeksN = weeks as number;
  const horizonDays = 7 * weeksN;
  const dates: IsoDate[] = [];
  const offsets: number[] = [];
  const skipped: SkippedDate[] = [];
  const allowedHolidays: AllowedHoliday[] = [];
  const serviceIndexes = new Set(serviceDays.map((d) => WEEKDAYS.indexOf(d)));
  const startWeekday = weekdayIndex(startYmd);
  for (let offset = 0; offset < horizonDays; offset++) {
    if (!serviceIndexes.has((startWeekday + offset) % 7)) continue;
    const day = addDays(startYmd, offset);
    const name = holidayNames.get(day);
    if (holidayYmds.has(day) && !allowYmds.has(day)) skipped.push({ date: ymdToIso(day), reason: 'HOLIDAY', ...(name !== undefined ? { name } : {}) });
    else if (blackoutYmds.has(day)) skipped.push({ date: ymdToIso(day), reason: 'BLACKOUT' });
    else {
      if (holidayYmds.has(day)) allowedHolidays.push({ date: ymdToIso(day), name: name ?? null });
      dates.push(ymdToIso(day));
      offsets.push(offset);
    }
  }
  const incomplete: number[] = [];
  for (let year = Math.floor(startYmd / 10000); year <= Math.floor(addDays(startYmd, horizonDays - 1) / 10000); year++) {
    if (!calendar?.complete.has(year)) incomplete.push(year);
  }
  if (incomplete.length > 0) {
    warnings.push({
      code: 'PLAN_HOLIDAYS_INCOMPLETE',
      path: 'holidayCalendar',
      message: `the holiday calendar does not list every national holiday and cuti bersama of ${incomplete.join(', ')} (the joint decree is not in): add them, or a visit may fall on one`,
    });
  }
  if (dates.length === 0) {
    warnings.push({ code: 'PLAN_NO_SERVICE_DATES', path: 'weeks', message: 'every service day of the horizon is a holiday or a blackout: the plan is empty' });
  }

  // Villages in code order (the order of every tie-break).
  villages.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const V = villages.length;
  const T = teams.length;
  const indexOf = new Map(villages.map((v, i) => [v.code, i]));
  const backlog = new Float64Array(V * K);
  villages.forEach((v, i) => v.backlog.forEach((n, k) => (backlog[i * K + k] = n)));
  const capacity = new Float64Array(T * K);
  const travel = new Float64Array(T * V);
  const serviceTime = new Float64Array(T * V);
  const reach: Int32Array[] = [];
  const reachable = new Uint8Array(V);
  const offered = [false, false, false, false, false];
  teams.forEach((team, t) => {
    for (let k = 0; k < K; k++) {
      capacity[t * K + k] = team.offers[k] ? team.capacity[k] ?? Infinity : 0;
      if (team.offers[k] && (capacity[t * K + k] as number) > 0) offered[k] = true;
    }
    // The quickest unit this team can deliver: a village is in reach when one fits into the day.
    let quickest = Infinity;
    for (let k = 0; k < K; k++) if ((capacity[t * K + k] as number) > 0) quickest = Math.min(quickest, minutes[k] as number);
    const list: number[] = [];
    villages.forEach((v, i) => {
      const oneWay = team.base ? team.base.travel.get(v.code) : v.travel;
      const left = oneWay === undefined ? -1 : dayMinutes - 2 * oneWay - setupMinutes;
      const ok = oneWay !== undefined && quickest !== Infinity && left + 1e-9 >= quickest;
      travel[t * V + i] = ok ? (oneWay as number) : -1;
      serviceTime[t * V + i] = ok ? Math.max(0, left) : -1;
      if (ok) {
        list.push(i);
        reachable[i] = 1;
      }
    });
    reach.push(Int32Array.from(list));
    if (team.base) {
      for (const code of team.base.travel.keys()) {
        if (!indexOf.has(code)) {
          warnings.push({ code: 'PLAN_TEAM_BASE_VILLAGE_UNKNOWN', path: `teams[${t}].base.travelMinutes.${code}`, message: `team ${team.id}'s base lists village ${code}, which is not in the input` });
        }
      }
    }
  });
  villages.forEach((v, i) => {
    const hasBacklog = v.backlog.some((n) => n > 0);
    if (!reachable[i] && hasBacklog) {
      warnings.push({ code: 'PLAN_VILLAGE_UNREACHABLE', path: `villages[${v.index}]`, message: `no team can reach village ${v.code} and serve there within ${dayMinutes} minutes` });
    }
    const missing = SERVICE_KINDS.filter((_, k) => (v.backlog[k] as number) > 0 && !offered[k]);
    if (missing.length > 0) {
      warnings.push({ code: 'PLAN_SERVICE_NOT_OFFERED', path: `villages[${v.index}].backlog`, message: `village ${v.code} has a backlog of ${missing.join(', ')}, which no team offers` });
    }
  });

  return {
    ok: true,
    warnings,
    model: {
      startYmd,
      startDate: ymdToIso(startYmd),
      weeks: weeksN,
      horizonDays,
      serviceDays,
      holidayYmds,
      blackoutYmds,
      dates,
      offsets,
      skipped,
      allowedHolidays,
      villageCodes: villages.map((v) => v.code),
      villageInputIndexes: villages.map((v) => v.index),
      districtCodes: villages.map((v) => v.districtCode),
      wajibKtp: villages.map((v) => v.wajibKtp),
      newPerWeek: villages.map((v) => v.newPerWeek),
      backlog,
      teamIds: teams.map((t) => t.id),
      capacity,
      travel,
      serviceTime,
      reach,
      dayMinutes,
      setupMinutes,
      minutes,
      weights,
      fillOrder,
      searchEffort,
      seed,
    },
  };
}

/** Turns a per-kind array into a ServiceCounts record. */
export function countsOf(values: ArrayLike<number>, from = 0): ServiceCounts {
  return {
    EKTP_RECORDING: values[from] as number,
    BIRTH_DEED: values[from + 1] as number,
    KIA: values[from + 2] as number,
    APPLICATION: values[from + 3] as number,
    HANDOVER: values[from + 4] as number,
  };
}
