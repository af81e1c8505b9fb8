/**
 * When will e-KTP recording reach its target at the current pace: the ONE definition that the dashboard
 * (reporting's EKTP_PROJECTION, "at the current pace") and the outreach projection (its current-pace line beside
 * "with this plan") answer with, so that the same data gives the same date.
 *
 * - Pace: the recordings WITH A RECORDING DATE inside the window (the `windowWeeks` weeks ending on `asOf`, default
 *   8), per week. A record that entered the register already recorded without a recording date (an import of an
 *   older register) is part of the baseline (`recorded`), never of the pace: otherwise an import of 100,000 records
 *   reads as 12,500 recordings a week. When the dated history starts inside the window (`historyFrom`, e.g. the day
 *   the office began recording in this system), the window is shortened to it.
 * - Inflow: residents becoming wajib KTP per week (turning 17, or marrying younger; UU 24/2013 art. 63). They join
 *   the wajib KTP not yet recorded.
 * - Target: the Ministry's 2023 target for e-KTP recording, 99.4% of wajib KTP (INDICATOR_TARGETS_2023), or another.
 *
 * After w weeks at pace p and inflow a, from W wajib KTP of whom R are recorded, the share is (R + p·w) ÷ (W + a·w).
 * It reaches the target T when (R + p·w) × 10,000 ≥ T_bp × (W + a·w), decided on basis points as
 * ektpRecordingCoverage decides a met target. The answer is the first such whole week and its last day (asOf + 7w − 1;
 * week 0 and asOf when the target is met already), as projectCoverage reports weeks.
 *
 * The pace is measured per calendar week over a window that had its own holidays, so it already carries the
 * average loss to holidays; no holiday calendar is applied again (that would count them twice).
 *
 * When it cannot say, the answer is no date and a reason (EKTP_PROJECTION_REASON_CODES), never a guess:
 * - `NO_WAJIB_KTP`: nobody is wajib KTP, there is no share to speak of;
 * - `NO_DATED_HISTORY`: no recording is dated inside the window (none was made, or the register's recordings came
 *   without dates), so there is no pace;
 * - `HISTORY_TOO_SHORT`: the dated history is under one week old, too short for a weekly pace;
 * - `PACE_NOT_ABOVE_INFLOW`: at this pace the share never rises to the target (pace ≤ target share × inflow);
 * - `BEYOND_HORIZON`: it would take more than `maxWeeks` weeks (default 520, ten years).
 */
import { addDays, asOfToYmd, daysBetween, parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { INDICATOR_TARGETS_2023 } from './coverage.js';

/** The default pace window: the recordings of the 8 weeks ending on the day. */
export const EKTP_PACE_WINDOW_WEEKS = 8;
/** The default and largest horizon, in weeks (ten years). */
export const EKTP_PROJECTION_MAX_WEEKS = 520;

export interface EktpPaceInput {
  /** The day of the answer: the window's last day, and the start of the projection. */
  readonly asOf: IsoDate;
  /** Residents who are wajib KTP on asOf. */
  readonly wajibKtp: number;
  /** Of them, with e-KTP biometrics recorded (dated or not). */
  readonly recorded: number;
  /** Recordings whose recording date lies in the window (asOf − 7 × windowWeeks + 1 … asOf). */
  readonly datedRecordings: number;
  /** Residents becoming wajib KTP per week from asOf (e.g. those turning 17 in the next 52 weeks ÷ 52). */
  readonly newWajibKtpPerWeek: number;
  /** The first day recordings are dated from, when the dated history starts inside the window; omitted: the whole window. */
  readonly historyFrom?: IsoDate;
}

export interface EktpPaceOptions {
  /** The pace window in whole weeks, 1–104 (default 8). */
  readonly windowWeeks?: number;
  /** The target share in percent, over 0 and at most 100 (read to 0.01%; default 99.4). */
  readonly targetPercent?: number;
  /** How far to look, in whole weeks, 1–520 (default 520). */
  readonly maxWeeks?: number;
}

export type EktpProjectionReason = (typeof EKTP_PROJECTION_REASON_CODES)[number];
/** Why there is no date (see the module comment). */
export const EKTP_PROJECTION_REASON_CODES = ['NO_WAJIB_KTP', 'NO_DATED_HISTORY', 'HISTORY_TOO_SHORT', 'PACE_NOT_ABOVE_INFLOW', 'BEYOND_HORIZON'] as const;

/**
 * - `INPUT_INVALID`: the input is not an object;
 * - `AS_OF_INVALID`: asOf is not a real date;
 * - `DATE_INVALID`: historyFrom is not a real date, or is after asOf;
 * - `COUNT_INVALID`: wajibKtp, recorded or datedRecordings is not a whole number ≥ 0;
 * - `COUNT_EXCEEDS_TOTAL`: more recorded than wajib KTP;
 * - `RATE_INVALID`: newWajibKtpPerWeek is not a finite number ≥ 0;
 * - `WINDOW_INVALID`: windowWeeks or maxWeeks is not a whole number in its range;
 * - `TARGET_INVALID`: the target is not a number over 0 and at most 100.
 */
export type EktpProjectionErrorCode = (typeof EKTP_PROJECTION_ERROR_CODES)[number];
export const EKTP_PROJECTION_ERROR_CODES = [
  'INPUT_INVALID',
  'AS_OF_INVALID',
  'DATE_INVALID',
  'COUNT_INVALID',
  'COUNT_EXCEEDS_TOTAL',
  'RATE_INVALID',
  'WINDOW_INVALID',
  'TARGET_INVALID',
] as const;

export interface EktpTargetDate {
  readonly asOf: IsoDate;
  readonly targetPercent: number;
  /** The days the pace was read from (shortened to historyFrom when the history starts inside the window). */
  readonly paceFrom: IsoDate;
  readonly paceTo: IsoDate;
  /** Dated recordings per week over that window, two decimals. */
  readonly recordingsPerWeek: number;
  readonly newWajibKtpPerWeek: number;
  /** recorded ÷ wajib KTP now, percent, two decimals; null when nobody is wajib KTP. */
  readonly percent: number | null;
  /** The week the target is reached (0: met already) and its last day; null with a reason. */
  readonly reached: { readonly week: number; readonly date: IsoDate } | null;
  readonly reason: EktpProjectionReason | null;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const describe = (v: unknown): string => (typeof v === 'number' || typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : typeof v);
const round2 = (x: number): number => Math.round(x * 100) / 100;

function wholeIn(value: unknown, fallback: number, lo: number, hi: number, name: string, errors: Problem<EktpProjectionErrorCode>[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= lo && value <= hi) return value;
  errors.push(problem('WINDOW_INVALID', `${name} must be a whole number of weeks from ${lo} to ${hi}; got ${describe(value)}`));
  return fallback;
}

/**
 * The date e-KTP recording reaches its target at the current pace (see the module comment), or no date and the
 * reason. Pure; never throws: bad input gives the errors, all of them.
 *
 * @example ektpTargetDate({ asOf: '2026-12-07', wajibKtp: 122478, recorded: 103438, datedRecordings: 1600, newWajibKtpPerWeek: 60 }).value.reached // { week: 131, date: '2029-06-10' }
 */
export function ektpTargetDate(input: EktpPaceInput, options?: EktpPaceOptions): Result<EktpTargetDate, EktpProjectionErrorCode> {
  if (typeof input !== 'object' || input === null) {
    return fail([problem('INPUT_INVALID', 'input must be an object { asOf, wajibKtp, recorded, datedRecordings, newWajibKtpPerWeek, historyFrom? }')]);
  }
  const errors: Problem<EktpProjectionErrorCode>[] = [];
  const o = (typeof options === 'object' && options !== null ? options : {}) as EktpPaceOptions;
  const asOf = asOfToYmd(input.asOf);
  if (asOf === undefined || typeof input.asOf !== 'string') errors.push(problem('AS_OF_INVALID', `asOf must be a real date YYYY-MM-DD; got ${describe(input.asOf)}`));
  for (const name of ['wajibKtp', 'recorded', 'datedRecordings'] as const) {
    if (!isCount(input[name])) errors.push(problem('COUNT_INVALID', `${name} must be a whole number ≥ 0; got ${describe(input[name])}`));
  }
  if (isCount(input.wajibKtp) && isCount(input.recorded) && input.recorded > input.wajibKtp) {
    errors.push(problem('COUNT_EXCEEDS_TOTAL', `recorded (${input.recorded}) is more than wajibKtp (${input.wajibKtp})`));
  }
  const inflow = input.newWajibKtpPerWeek;
  if (typeof inflow !== 'number' || !Number.isFinite(inflow) || inflow < 0) errors.push(problem('RATE_INVALID', `newWajibKtpPerWeek must be a number ≥ 0; got ${describe(inflow)}`));
  let historyFrom: number | undefined;
  if (input.historyFrom !== undefined) {
    historyFrom = parseIsoDate(input.historyFrom);
    if (historyFrom === undefined || (asOf !== undefined && historyFrom > asOf)) {
      errors.push(problem('DATE_INVALID', `historyFrom must be a real date on or before asOf; got ${describe(input.historyFrom)}`));
    }
  }
  const windowWeeks = wholeIn(o.windowWeeks, EKTP_PACE_WINDOW_WEEKS, 1, 104, 'windowWeeks', errors);
  const maxWeeks = wholeIn(o.maxWeeks, EKTP_PROJECTION_MAX_WEEKS, 1, EKTP_PROJECTION_MAX_WEEKS, 'maxWeeks', errors);
  let targetPercent: number = INDICATOR_TARGETS_2023.ektpRecording;
  if (o.targetPercent !== undefined) {
    if (typeof o.targetPercent === 'number' && Number.isFinite(o.targetPercent) && o.targetPercent > 0 && o.targetPercent <= 100) targetPercent = o.targetPercent;
    else errors.push(problem('TARGET_INVALID', `targetPercent must be a number over 0 and at most 100; got ${describe(o.targetPercent)}`));
  }
  if (errors.length > 0) return fail(errors);

  const today = asOf as number;
  const W = input.wajibKtp;
  const R = input.recorded;
  const a = inflow;
  const windowStart = addDays(today, -(7 * windowWeeks - 1));
  const paceStart = historyFrom !== undefined && historyFrom > windowStart ? historyFrom : windowStart;
  const paceDays = daysBetween(paceStart, today) + 1;
  const p = (input.datedRecordings * 7) / paceDays;
  const bp = Math.round(targetPercent * 100);
  const base = {
    asOf: ymdToIso(today),
    targetPercent,
    paceFrom: ymdToIso(paceStart),
    paceTo: ymdToIso(today),
    recordingsPerWeek: round2(p),
    newWajibKtpPerWeek: round2(a),
    percent: W === 0 ? null : Math.round((R * 10_000) / W) / 100,
  };
  const none = (reason: EktpProjectionReason): Result<EktpTargetDate, EktpProjectionErrorCode> => ok({ ...base, reached: null, reason });
  if (W === 0) return none('NO_WAJIB_KTP');
  // Met already: week 0, whatever the pace.
  if (R * 10_000 >= bp * W) return ok({ ...base, reached: { week: 0, date: ymdToIso(today) }, reason: null });
  if (input.datedRecordings === 0) return none('NO_DATED_HISTORY');
  if (paceDays < 7) return none('HISTORY_TOO_SHORT');
  // (R + p·w) × 10,000 ≥ bp × (W + a·w)  ⇔  w × (10,000·p − bp·a) ≥ bp·W − 10,000·R (> 0 here).
  const gain = 10_000 * p - bp * a;
  if (!(gain > 0)) return none('PACE_NOT_ABOVE_INFLOW');
  const exact = (bp * W - 10_000 * R) / gain;
  // A hair of tolerance so that an exact whole week is not pushed to the next by floating point.
  const week = Math.max(1, Math.ceil(exact - 1e-9));
  if (week > maxWeeks) return none('BEYOND_HORIZON');
  return ok({ ...base, reached: { week, date: ymdToIso(addDays(today, 7 * week - 1)) }, reason: null });
}
