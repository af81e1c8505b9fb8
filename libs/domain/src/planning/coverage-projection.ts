/**
 * When will e-KTP recording reach full coverage, or a target share (the Ministry's 2023 target is 99.4%,
 * INDICATOR_TARGETS_2023), in each kecamatan, each regency and overall, at a given outreach capacity; and
 * what capacity reaches the target by a given date.
 *
 * The projection runs week by week from the start date. At the start of week w (days 7(w−1) … 7w−1) the
 * residents who became wajib KTP that week arrive: floor(rate × w) − floor(rate × (w−1)) per village, from
 * its `newWajibKtpPerWeek` (they join both the wajib KTP and those not recorded). Then the week's recordings
 * are made, and the shares are read at the end of the week (recorded / wajib KTP, decided on exact counts as
 * in ektpRecordingCoverage). A week is reported as its number and its last day; an area that already meets
 * the target at the start is reported as week 0, on the start date.
 *
 * Where the week's recordings come from:
 * - `{ plan }`: the e-KTP recordings of a plan from planVisits or roundRobinPlan for the same input, in the
 *   weeks of their visits; nothing after the plan's horizon (an area not there by then gets null);
 * - `{ teamDaysPerWeek }`: a fluid bound. Each week has teamDaysPerWeek × (open service days that week ÷
 *   service weekdays) team-days (holidays and blackouts cost capacity). A team-day in a village records as
 *   many as the best of the input's e-KTP teams can there (kit capacity, and the day less travel and setup,
 *   all spent on e-KTP), and can be shared between villages. The week's team-days go by need (teamDayRecordings):
 *   to the villages with the largest share of wajib KTP not recorded, weighed by what a team-day records there,
 *   levelling the highest needs down together, so the kecamatan furthest behind are served first (not the one
 *   with the lowest code). Nothing else competes for the team-days, a village can take several in one
 *   week, and a team-day can be split: this is optimistic, a bound that real plans (other services, whole
 *   visits, one team per village per day) approach from below.
 *
 * Monotonic by construction in `{ teamDaysPerWeek }` mode: with more team-days, every village has at every
 * week end at most as many residents left unrecorded (the week's level of need is no higher with more team-days
 * or fewer left, and what a village keeps only grows with the level), so no area reaches a target later. capacityForDate
 * relies on that: it is a binary search over whole team-days per week with this projection, not a search
 * with the planner itself (which would take seconds per step and is not guaranteed monotonic).
 */
import { addDays, daysBetween, parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { INDICATOR_TARGETS_2023 } from '../indicators/coverage.js';
import {
  compileOutreachInput,
  K,
  MAX_PLAN_WEEKS,
  OUTREACH_INPUT_ERROR_CODES,
  OUTREACH_WARNING_CODES,
  WEEKDAYS,
  weekdayIndex,
  type OutreachInput,
  type OutreachModel,
  type OutreachWarningCode,
  type PlanningProblem,
  type PlanningResult,
} from './outreach-input.js';
import type { OutreachPlan } from './outreach-engine.js';

/** Where the recordings come from: a plan, or a capacity in team-days per week. */
export type RecordingCapacity = { readonly plan: OutreachPlan } | { readonly teamDaysPerWeek: number };

export interface ProjectionOptions {
  /** The target share in percent, 0–100 (read to 0.01%); default 99.4, the Ministry's 2023 target. */
  readonly targetPercent?: number;
  /** How far to project with `{ teamDaysPerWeek }`, in weeks (default and most: 520). */
  readonly maxWeeks?: number;
}

/** The end of the week in which something happened. */
export interface WeekReached {
  /** Weeks from the start date (0: already so at the start). */
  readonly week: number;
  /** The last day of that week (the start date for week 0). */
  readonly date: IsoDate;
}

export interface CoverageState {
  readonly wajibKtp: number;
  readonly notRecorded: number;
  /** recorded / wajib KTP × 100, rounded to two decimals; null when there is nobody wajib KTP. */
  readonly percent: number | null;
}

export interface AreaProjection {
  /** A kecamatan ('531601') or regency ('5316') code; null for all villages of the input together. */
  readonly code: string | null;
  readonly start: CoverageState;
  /** When the share reaches the target; null when not within the projection. */
  readonly target: WeekReached | null;
  /** When nobody is left unrecorded; null when not within the projection. */
  readonly full: WeekReached | null;
  /** At the end of the projection. */
  readonly end: CoverageState;
}

export interface CoverageProjection {
  readonly method: 'PLAN' | 'TEAM_DAYS';
  readonly targetPercent: number;
  /** Weeks projected: the plan's, or maxWeeks. */
  readonly weeks: number;
  readonly districts: readonly AreaProjection[];
  readonly regencies: readonly AreaProjection[];
  readonly overall: AreaProjection;
}

export interface CapacityAnswer {
  readonly teamDaysPerWeek: number;
  /** Teams (one recording kit each) going out on every service day: ⌈teamDaysPerWeek ÷ service weekdays⌉. */
  readonly teams: number;
  /** When the target is reached at that capacity. */
  readonly reached: WeekReached;
}

export interface CapacityEstimate {
  /** Binary search over team-days per week with the fluid bound of projectCoverage. */
  readonly method: 'FLUID_BOUND';
  readonly targetDate: IsoDate;
  readonly targetPercent: number;
  /** The least capacity for all villages together; null when no capacity reaches it by the date. */
  readonly overall: CapacityAnswer | null;
  /** The least capacity for every kecamatan to reach it; null when no capacity does. */
  readonly everyKecamatan: CapacityAnswer | null;
}

/**
 * Besides the input's own codes:
 * - `PLAN_VILLAGE_WAJIB_KTP_MISSING`: a village without `wajibKtp` (the share needs it);
 * - `PLAN_CAPACITY_INVALID`: neither `{ plan }` nor `{ teamDaysPerWeek }` with a number from 0 to 1,000,000;
 * - `PLAN_PLAN_MISMATCH`: the plan is not one for this input (start date, villages, dates, or more recorded
 *   in a village than its backlog);
 * - `PLAN_TARGET_INVALID`: the target is not a number over 0 and at most 100;
 * - `PLAN_TARGET_DATE_INVALID`: not a real date, before the start date or more than 520 weeks after it;
 * - `PLAN_MAX_WEEKS_INVALID`: not a whole number from 1 to 520.
 */
export type ProjectionErrorCode = (typeof PROJECTION_ERROR_CODES)[number];

/** Every ProjectionErrorCode: the input's (OUTREACH_INPUT_ERROR_CODES) and the projection's own. */
export const PROJECTION_ERROR_CODES = [
  ...OUTREACH_INPUT_ERROR_CODES,
  'PLAN_VILLAGE_WAJIB_KTP_MISSING',
  'PLAN_CAPACITY_INVALID',
  'PLAN_PLAN_MISMATCH',
  'PLAN_TARGET_INVALID',
  'PLAN_TARGET_DATE_INVALID',
  'PLAN_MAX_WEEKS_INVALID',
] as const;

/** Besides the input's own: `PLAN_TARGET_UNREACHABLE`, no capacity reaches the target by the date. */
export type ProjectionWarningCode = (typeof PROJECTION_WARNING_CODES)[number];

export const PROJECTION_WARNING_CODES = [...OUTREACH_WARNING_CODES, 'PLAN_TARGET_UNREACHABLE'] as const;

type Errors = PlanningProblem<ProjectionErrorCode>[];

const MAX_TEAM_DAYS = 1_000_000;

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value;
}

function readTarget(value: unknown, errors: Errors): number {
  if (value === undefined) return INDICATOR_TARGETS_2023.ektpRecording;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100) return value;
  errors.push({ code: 'PLAN_TARGET_INVALID', path: 'targetPercent', message: `targetPercent must be a number over 0 and at most 100; got ${describe(value)}` });
  return INDICATOR_TARGETS_2023.ektpRecording;
}

function checkWajibKtp(model: OutreachModel, errors: Errors): void {
  model.wajibKtp.forEach((w, i) => {
    if (w === undefined) {
      errors.push({ code: 'PLAN_VILLAGE_WAJIB_KTP_MISSING', path: `villages[${model.villageInputIndexes[i]}].wajibKtp`, message: `village ${model.villageCodes[i]} has no wajibKtp: the share recorded needs it` });
    }
  });
}

/** Per village, recordings one team-day can make: the best of the e-KTP teams (0 when none can work there). */
function recordingsPerTeamDay(model: OutreachModel): Float64Array {
  const V = model.villageCodes.length;
  const perDay = new Float64Array(V);
  const minutes = model.minutes[0] as number;
  model.teamIds.forEach((_, t) => {
    const cap = model.capacity[t * K] as number;
    if (cap <= 0) return;
    for (let i = 0; i < V; i++) {
      const time = model.serviceTime[t * V + i] as number;
      if (time < 0) continue;
      const n = minutes > 0 ? Math.min(cap, Math.floor(time / minutes + 1e-9)) : cap;
      if (n > (perDay[i] as number)) perDay[i] = n;
    }
  });
  return perDay;
}

/** Open service days (not holidays or blackouts) in week w (1-based) of the model's calendar. */
function openDays(model: OutreachModel, week: number): number {
  let open = 0;
  const first = addDays(model.startYmd, 7 * (week - 1));
  const firstWeekday = weekdayIndex(first);
  for (let j = 0; j < 7; j++) {
    const weekday = WEEKDAYS[(firstWeekday + j) % 7];
    if (weekday === undefined || !model.serviceDays.includes(weekday)) continue;
    const day = addDays(first, j);
    if (!model.holidayYmds.has(day) && !model.blackoutYmds.has(day)) open++;
  }
  return open;
}

interface Areas {
  /** Per village, its kecamatan's and regency's index. */
  readonly district: Int32Array;
  readonly regency: Int32Array;
  readonly districtCodes: string[];
  readonly regencyCodes: string[];
}

function areasOf(model: OutreachModel): Areas {
  const districtCodes = [...new Set(model.districtCodes)].sort();
  const regencyCodes = [...new Set(districtCodes.map((d) => d.slice(0, 4)))].sort();
  return {
    district: Int32Array.from(model.districtCodes, (d) => districtCodes.indexOf(d)),
    regency: Int32Array.from(model.districtCodes, (d) => regencyCodes.indexOf(d.slice(0, 4))),
    districtCodes,
    regencyCodes,
  };
}

/**
 * The week-by-week simulation. `recordings(week, left)` makes the week's recordings by lowering `left`
 * (per village, not recorded). Returns per area (districts, then regencies, then overall) the weeks reached.
 */
function simulate(
  model: OutreachModel,
  weeks: number,
  targetPercent: number,
  recordings: (week: number, left: Float64Array) => void,
  stopWhen?: (targetWeeks: Int32Array) => boolean,
): { targetWeeks: Int32Array; fullWeeks: Int32Array; startState: Float64Array; endState: Float64Array; weeks: number; areas: Areas } {
  const V = model.villageCodes.length;
  const areas = areasOf(model);
  const D = areas.districtCodes.length;
  const A = D + areas.regencyCodes.length + 1;
  const left = new Float64Array(V);
  const wajib = new Float64Array(V);
  for (let i = 0; i < V; i++) {
    left[i] = model.backlog[i * K] as number;
    wajib[i] = model.wajibKtp[i] as number;
  }
  // Per area: wajib KTP and not recorded, summed each week.
  const state = new Float64Array(A * 2);
  const targetWeeks = new Int32Array(A).fill(-1);
  const fullWeeks = new Int32Array(A).fill(-1);
  const bp = Math.round(targetPercent * 100);
  const tally = (week: number) => {
    state.fill(0);
    for (let i = 0; i < V; i++) {
      for (const a of [areas.district[i] as number, D + (areas.regency[i] as number), A - 1]) {
        state[a * 2] = (state[a * 2] as number) + (wajib[i] as number);
        // Whole residents: a fraction left by the fluid bound's levelling counts as one still to record.
        state[a * 2 + 1] = (state[a * 2 + 1] as number) + Math.ceil((left[i] as number) - 1e-9);
      }
    }
    for (let a = 0; a < A; a++) {
      const w = state[a * 2] as number;
      const u = state[a * 2 + 1] as number;
      // recorded / wajib ≥ target  ⇔  (wajib − left) × 10,000 ≥ bp × wajib, on whole numbers.
      if (targetWeeks[a] === -1 && (w - u) * 10_000 >= bp * w) targetWeeks[a] = week;
      if (fullWeeks[a] === -1 && u === 0) fullWeeks[a] = week;
    }
  };
  tally(0);
  const startState = Float64Array.from(state);
  let week = 0;
  while (week < weeks) {
    week++;
    for (let i = 0; i < V; i++) {
      const rate = model.newPerWeek[i] as number;
      if (rate > 0) {
        const arrivals = Math.floor(rate * week + 1e-9) - Math.floor(rate * (week - 1) + 1e-9);
        left[i] = (left[i] as number) + arrivals;
        wajib[i] = (wajib[i] as number) + arrivals;
      }
    }
    recordings(week, left);
    tally(week);
    if (stopWhen?.(targetWeeks)) break;
  }
  return { targetWeeks, fullWeeks, startState, endState: Float64Array.from(state), weeks: week, areas };
}

/** Steps of the bisection for the week's level of need: the level is found exactly on a grid of 2^-40. */
const LEVEL_STEPS = 40;

/**
 * The fluid bound's recordings at `teamDaysPerWeek`, by need. A village's need is the share of its wajib KTP not
 * recorded, weighed by how much a team-day achieves there (its recordings per team-day over the best village's):
 * need = (left ÷ wajib KTP) × (perDay ÷ best perDay). Each week the team-days lower the highest needs to a common
 * level L (water-filling): a village is brought down to left = L × wajib KTP × best ÷ perDay (never up; a fraction
 * carries over, whole residents are read at the week's end, rounded up), at 1 ÷ perDay team-days a recording, with
 * L the lowest level the week's team-days pay for. So the kecamatan furthest
 * behind are served first and villages of equal need progress together, instead of one village after another in
 * code order.
 *
 * Still monotonic in team-days: what is left in a village is a non-decreasing function of L and of what was left
 * before, and the level the week pays for is no higher with more team-days or less left; the bisection runs on a
 * fixed grid, so the level found is the least grid point that the team-days pay for, exactly.
 */
function teamDayRecordings(model: OutreachModel, teamDaysPerWeek: number): (week: number, left: Float64Array) => void {
  const perDay = recordingsPerTeamDay(model);
  // A village where recording takes no time (service minutes 0, no kit limit) costs nothing: any team-day clears it.
  const free = Array.from(perDay.keys()).filter((i) => perDay[i] === Infinity);
  let best = 0;
  for (let i = 0; i < perDay.length; i++) if ((perDay[i] as number) > best && perDay[i] !== Infinity) best = perDay[i] as number;
  const villages = Array.from(perDay.keys()).filter((i) => (perDay[i] as number) > 0 && perDay[i] !== Infinity && ((model.wajibKtp[i] as number | undefined) ?? 0) > 0);
  // Per village: how far a level of need reaches, in residents left: left = ⌈level × scale⌉.
  const scale = new Float64Array(perDay.length);
  for (const i of villages) scale[i] = ((model.wajibKtp[i] as number) * best) / (perDay[i] as number);
  const perWeek = model.serviceDays.length;
  /**
   * Residents left in village i at a level: a fraction carries over to the next week (whole residents are read at
   * each week's end, rounded up), so no recording is lost to rounding however many villages share the week.
   */
  const target = (i: number, u: number, level: number): number => Math.min(u, level * (scale[i] as number));
  const cost = (left: Float64Array, level: number): number => {
    let days = 0;
    for (const i of villages) {
      const u = left[i] as number;
      if (u > 0) days += (u - target(i, u, level)) / (perDay[i] as number);
    }
    return days;
  };
  return (week, left) => {
    const days = (teamDaysPerWeek * openDays(model, week)) / perWeek;
    if (days <= 0) return;
    for (const i of free) left[i] = 0;
    // Start from the least power of two above every need: grids of powers of two nest, which keeps the level found
    // with fewer left (a finer or equal grid) no higher than with more.
    let top = 1;
    for (const i of villages) {
      const u = left[i] as number;
      if (u > 0) top = Math.max(top, u / (scale[i] as number));
    }
    let hi = 1;
    while (hi < top) hi *= 2;
    if (cost(left, 0) <= days + 1e-9) {
      for (const i of villages) left[i] = 0;
      return;
    }
    let lo = 0;
    for (let step = 0; step < LEVEL_STEPS; step++) {
      const mid = (lo + hi) / 2;
      if (cost(left, mid) <= days + 1e-9) hi = mid;
      else lo = mid;
    }
    for (const i of villages) {
      const u = left[i] as number;
      if (u > 0) left[i] = target(i, u, hi);
    }
  };
}

function readPlan(model: OutreachModel, plan: unknown, errors: Errors): Map<number, Map<number, number>> | undefined {
  const byWeek = new Map<number, Map<number, number>>();
  const mismatch = (path: string, message: string): void => {
    errors.push({ code: 'PLAN_PLAN_MISMATCH', path, message });
  };
  if (typeof plan !== 'object' || plan === null || !Array.isArray((plan as OutreachPlan).visits)) {
    errors.push({ code: 'PLAN_CAPACITY_INVALID', path: 'plan', message: 'plan must be a plan from planVisits or roundRobinPlan' });
    return undefined;
  }
  const p = plan as OutreachPlan;
  if (p.startDate !== model.startDate) mismatch('plan.startDate', `the plan starts on ${describe(p.startDate)}, the input on ${model.startDate}`);
  const index = new Map(model.villageCodes.map((c, i) => [c, i]));
  const total = new Float64Array(model.villageCodes.length);
  p.visits.forEach((visit, j) => {
    const i = index.get(visit?.villageCode);
    const day = parseIsoDate(visit?.date);
    const n = visit?.services?.EKTP_RECORDING;
    if (i === undefined) {
      mismatch(`plan.visits[${j}].villageCode`, `village ${describe(visit?.villageCode)} is not in the input`);
      return;
    }
    const offset = day === undefined ? -1 : daysBetween(model.startYmd, day);
    if (offset < 0 || offset >= 7 * MAX_PLAN_WEEKS) {
      mismatch(`plan.visits[${j}].date`, `${describe(visit?.date)} is not a date of the input's horizon`);
      return;
    }
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      mismatch(`plan.visits[${j}].services`, 'EKTP_RECORDING must be a whole number ≥ 0');
      return;
    }
    total[i] = (total[i] as number) + n;
    const week = Math.floor(offset / 7) + 1;
    const inWeek = byWeek.get(week) ?? new Map<number, number>();
    inWeek.set(i, (inWeek.get(i) ?? 0) + n);
    byWeek.set(week, inWeek);
  });
  total.forEach((n, i) => {
    if (n > (model.backlog[i * K] as number)) mismatch('plan.visits', `the plan records ${n} in village ${model.villageCodes[i]}, whose e-KTP backlog is ${model.backlog[i * K]}`);
  });
  return byWeek;
}

function stateOf(state: Float64Array, a: number): CoverageState {
  const wajibKtp = state[a * 2] as number;
  const notRecorded = state[a * 2 + 1] as number;
  return { wajibKtp, notRecorded, percent: wajibKtp === 0 ? null : Math.round(((wajibKtp - notRecorded) * 10_000) / wajibKtp) / 100 };
}

function reachedOf(model: OutreachModel, week: number): WeekReached | null {
  if (week < 0) return null;
  return { week, date: week === 0 ? model.startDate : ymdToIso(addDays(model.startYmd, 7 * week - 1)) };
}

/**
 * When e-KTP recording reaches the target share (default 99.4%) and full coverage in each kecamatan, each
 * regency and overall, with the recordings of a plan or at a capacity in team-days per week (see the module
 * comment for the model). Needs `wajibKtp` on every village; uses `newWajibKtpPerWeek`.
 *
 * @example projectCoverage(input, { teamDaysPerWeek: 6 }).value.overall.target // { week: 40, date: '2027-09-03' }
 */
export function projectCoverage(
  input: OutreachInput,
  capacity: RecordingCapacity,
  options?: ProjectionOptions,
): PlanningResult<CoverageProjection, ProjectionErrorCode, OutreachWarningCode> {
  const compiled = compileOutreachInput(input);
  if (!compiled.ok) return compiled;
  const { model } = compiled;
  const errors: Errors = [];
  checkWajibKtp(model, errors);
  const o = (typeof options === 'object' && options !== null ? options : {}) as ProjectionOptions;
  const targetPercent = readTarget(o.targetPercent, errors);
  let maxWeeks = MAX_PLAN_WEEKS;
  if (o.maxWeeks !== undefined) {
    if (typeof o.maxWeeks === 'number' && Number.isInteger(o.maxWeeks) && o.maxWeeks >= 1 && o.maxWeeks <= MAX_PLAN_WEEKS) maxWeeks = o.maxWeeks;
    else errors.push({ code: 'PLAN_MAX_WEEKS_INVALID', path: 'maxWeeks', message: `maxWeeks must be a whole number from 1 to ${MAX_PLAN_WEEKS}; got ${describe(o.maxWeeks)}` });
  }
  const c = (typeof capacity === 'object' && capacity !== null ? capacity : {}) as Record<string, unknown>;
  let recordings: ((week: number, left: Float64Array) => void) | undefined;
  let weeks = maxWeeks;
  let method: CoverageProjection['method'] = 'TEAM_DAYS';
  if ('plan' in c) {
    const byWeek = readPlan(model, c.plan, errors);
    method = 'PLAN';
    const planWeeks = (c.plan as OutreachPlan | null)?.weeks;
    weeks = typeof planWeeks === 'number' && Number.isInteger(planWeeks) && planWeeks >= 1 && planWeeks <= MAX_PLAN_WEEKS ? planWeeks : model.weeks;
    if (byWeek) {
      for (const week of byWeek.keys()) {
        if (week > weeks) errors.push({ code: 'PLAN_PLAN_MISMATCH', path: 'plan.visits', message: `the plan has visits in week ${week}, after its ${weeks} weeks` });
      }
      recordings = (week, left) => {
        for (const [i, n] of byWeek.get(week) ?? []) left[i] = (left[i] as number) - n;
      };
    }
  } else if (typeof c.teamDaysPerWeek === 'number' && Number.isFinite(c.teamDaysPerWeek) && c.teamDaysPerWeek >= 0 && c.teamDaysPerWeek <= MAX_TEAM_DAYS) {
    recordings = teamDayRecordings(model, c.teamDaysPerWeek);
  } else {
    errors.push({ code: 'PLAN_CAPACITY_INVALID', path: 'capacity', message: `capacity must be { plan } or { teamDaysPerWeek } with a number from 0 to ${MAX_TEAM_DAYS}; got ${describe(c.teamDaysPerWeek)}` });
  }
  if (errors.length > 0 || recordings === undefined) return { ok: false, errors };
  const run = simulate(model, weeks, targetPercent, recordings);
  const area = (a: number, code: string | null): AreaProjection => ({
    code,
    start: stateOf(run.startState, a),
    target: reachedOf(model, run.targetWeeks[a] as number),
    full: reachedOf(model, run.fullWeeks[a] as number),
    end: stateOf(run.endState, a),
  });
  const D = run.areas.districtCodes.length;
  return {
    ok: true,
    warnings: compiled.warnings,
    value: {
      method,
      targetPercent,
      weeks: run.weeks,
      districts: run.areas.districtCodes.map((code, a) => area(a, code)),
      regencies: run.areas.regencyCodes.map((code, r) => area(D + r, code)),
      overall: area(D + run.areas.regencyCodes.length, null),
    },
  };
}

/**
 * The least capacity, in whole team-days per week, at which e-KTP recording reaches the target share
 * (default 99.4%) by `targetDate` (the end of the last whole week before or on it), overall and in every
 * kecamatan. A binary search with the fluid bound of projectCoverage (optimistic: a real plan needs at
 * least this). Null, with a PLAN_TARGET_UNREACHABLE warning, when no capacity does it (villages no team can
 * reach, or no whole week before the date).
 *
 * @example capacityForDate(input, '2027-11-26').value.overall // { teamDaysPerWeek: 5, teams: 3, reached: { week: 50, date: '2027-11-12' } }
 */
export function capacityForDate(
  input: OutreachInput,
  targetDate: IsoDate,
  targetPercent?: number,
): PlanningResult<CapacityEstimate, ProjectionErrorCode, ProjectionWarningCode> {
  const compiled = compileOutreachInput(input);
  if (!compiled.ok) return compiled;
  const { model } = compiled;
  const errors: Errors = [];
  checkWajibKtp(model, errors);
  const target = readTarget(targetPercent, errors);
  const targetYmd = parseIsoDate(targetDate);
  const days = targetYmd === undefined ? -1 : daysBetween(model.startYmd, targetYmd);
  if (targetYmd === undefined || days < 0 || days >= 7 * MAX_PLAN_WEEKS) {
    errors.push({
      code: 'PLAN_TARGET_DATE_INVALID',
      path: 'targetDate',
      message: `targetDate must be a real date from the start date ${model.startDate} up to ${MAX_PLAN_WEEKS} weeks later; got ${describe(targetDate)}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const weeks = Math.floor((days + 1) / 7);
  const D = areasOf(model).districtCodes.length;
  const A = D + areasOf(model).regencyCodes.length + 1;
  const targetWeeksAt = (teamDays: number) =>
    simulate(model, weeks, target, teamDayRecordings(model, teamDays), (tw) => {
      for (let a = 0; a < A; a++) if (tw[a] === -1) return false;
      return true;
    }).targetWeeks;
  const overallOk = (tw: Int32Array) => (tw[A - 1] as number) >= 0;
  const everyOk = (tw: Int32Array) => {
    for (let a = 0; a < D; a++) if ((tw[a] as number) < 0) return false;
    return true;
  };
  // Enough to clear every village the teams can reach in any week with an open day, whatever has arrived.
  const perDay = recordingsPerTeamDay(model);
  let ceiling = 0;
  for (let i = 0; i < perDay.length; i++) {
    const y = perDay[i] as number;
    if (y > 0) ceiling += Math.ceil(((model.backlog[i * K] as number) + Math.ceil((model.newPerWeek[i] as number) * weeks + 1)) / y);
  }
  ceiling = Math.min(MAX_TEAM_DAYS, (ceiling + 1) * model.serviceDays.length);
  const warnings: PlanningProblem<ProjectionWarningCode>[] = [...compiled.warnings];
  const search = (accept: (tw: Int32Array) => boolean, what: string): CapacityAnswer | null => {
    if (!accept(targetWeeksAt(ceiling))) {
      warnings.push({
        code: 'PLAN_TARGET_UNREACHABLE',
        path: 'targetDate',
        message: `no capacity brings ${what} to ${target}% by ${ymdToIso(targetYmd as number)}: villages no team can reach, or no whole week before the date`,
      });
      return null;
    }
    let lo = 0;
    let hi = ceiling;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (accept(targetWeeksAt(mid))) hi = mid;
      else lo = mid + 1;
    }
    const tw = targetWeeksAt(lo);
    const week = accept === overallOk ? (tw[A - 1] as number) : Math.max(...Array.from(tw.subarray(0, D)));
    return { teamDaysPerWeek: lo, teams: Math.ceil(lo / model.serviceDays.length), reached: reachedOf(model, week) as WeekReached };
  };
  const overall = search(overallOk, 'all villages together');
  const everyKecamatan = search(everyOk, 'every kecamatan');
  return {
    ok: true,
    warnings,
    value: { method: 'FLUID_BOUND', targetDate: ymdToIso(targetYmd as number), targetPercent: target, overall, everyKecamatan },
  };
}
