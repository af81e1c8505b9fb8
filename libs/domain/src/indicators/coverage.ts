/**
 * Coverage indicators of the Ministry of Home Affairs (Ditjen Dukcapil's ten indicators, 2022: e-KTP recording,
 * KIA ownership, birth deed ownership, IKD activation, …), and the share of registrations reported within the deadline, as
 * pure functions over counts that the reporting service has already made.
 *
 * Every function checks its counts rather than clamping them: a count that is negative, not an integer or not
 * a number is an error (`COUNT_INVALID`), a part larger than its whole is an error (`COUNT_EXCEEDS_TOTAL`), and
 * when the complement is given too (e.g. `notRecorded`), both must add up to the whole
 * (`COUNTS_DO_NOT_ADD_UP`). Nagekeo's own April 2022 figures (119,656 wajib KTP, 99,618 with e-KTP, 18,332
 * without) fail that last check, which is the point: a report must reconcile before it is published.
 *
 * Result: `ratio` = part / whole exactly; `percent` = ratio × 100 rounded to two decimals (for display);
 * `meetsTarget` is decided on the exact counts (part × 10,000 ≥ target in basis points × whole), so rounding
 * never turns 99.39% into a met 99.4% target; `shortfall` = how many more people (or registrations) it takes to
 * reach the target, 0 when met. An empty whole (0) is not an error: `ratio`, `percent`, `meetsTarget` and
 * `shortfall` are then null (no population, no coverage to speak of).
 *
 * Targets: the Ministry's 2023 targets (INDICATOR_TARGETS_2023) by default; pass `targetPercent` to use
 * another (read to 0.01%), or null for none.
 */
import { fail, ok, problem, type Problem, type Result } from '../result.js';

/**
 * The Ministry's 2023 national targets, in percent, as the Director General of Dukcapil announced them (March 2023):
 * e-KTP recording 99.4, KIA 50, birth deeds 98, IKD activation 25 (of those with a recorded e-KTP).
 */
export const INDICATOR_TARGETS_2023 = { ektpRecording: 99.4, kia: 50, birthDeed: 98, ikd: 25, burialRegister: 75 } as const;

export interface Coverage {
  /** The part: e.g. residents with an e-KTP recorded. */
  readonly covered: number;
  /** The whole: e.g. residents who are wajib KTP. */
  readonly total: number;
  /** covered / total, or null when total is 0. */
  readonly ratio: number | null;
  /** ratio × 100, rounded to two decimals, or null when total is 0. */
  readonly percent: number | null;
  readonly targetPercent: number | null;
  /** Whether the target is reached (on the exact counts); null without a target or when total is 0. */
  readonly meetsTarget: boolean | null;
  /** How many more it takes to reach the target (0 when met); null without a target or when total is 0. */
  readonly shortfall: number | null;
}

/**
 * - `INPUT_INVALID`: the counts are not an object;
 * - `COUNT_INVALID`: a count is missing (where required), negative, not an integer or not a number;
 * - `COUNT_EXCEEDS_TOTAL`: the part is larger than the whole;
 * - `COUNTS_DO_NOT_ADD_UP`: the part and its complement, both given, do not add up to the whole;
 * - `TARGET_INVALID`: the target is not null or a number from 0 to 100.
 */
export type CoverageErrorCode = (typeof COVERAGE_ERROR_CODES)[number];

export const COVERAGE_ERROR_CODES = ['INPUT_INVALID', 'COUNT_INVALID', 'COUNT_EXCEEDS_TOTAL', 'COUNTS_DO_NOT_ADD_UP', 'TARGET_INVALID'] as const;

export interface CoverageOptions {
  /** The target in percent (0–100), or null for none; defaults to the indicator's 2023 target, if any. */
  readonly targetPercent?: number | null;
}

interface Names {
  readonly total: string;
  readonly covered: string;
  readonly uncovered: string;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;
}

function coverage(
  input: unknown,
  names: Names,
  options: unknown,
  defaultTarget: number | null,
): Result<Coverage, CoverageErrorCode> {
  if (typeof input !== 'object' || input === null) {
    return fail([problem('INPUT_INVALID', `counts must be an object { ${names.total}, ${names.covered}, ${names.uncovered}? }`)]);
  }
  const counts = input as Record<string, unknown>;
  const errors: Problem<CoverageErrorCode>[] = [];
  const total = counts[names.total];
  const covered = counts[names.covered];
  const uncovered = counts[names.uncovered];
  for (const [name, value] of [
    [names.total, total],
    [names.covered, covered],
  ] as const) {
    if (!isCount(value)) errors.push(problem('COUNT_INVALID', `${name} must be an integer ≥ 0; got ${describe(value)}`));
  }
  if (uncovered !== undefined && !isCount(uncovered)) {
    errors.push(problem('COUNT_INVALID', `${names.uncovered}, if given, must be an integer ≥ 0; got ${describe(uncovered)}`));
  }
  if (isCount(total) && isCount(covered) && covered > total) {
    errors.push(problem('COUNT_EXCEEDS_TOTAL', `${names.covered} (${covered}) is larger than ${names.total} (${total})`));
  }
  if (isCount(total) && isCount(covered) && isCount(uncovered) && BigInt(covered) + BigInt(uncovered) !== BigInt(total)) {
    errors.push(
      problem(
        'COUNTS_DO_NOT_ADD_UP',
        `${names.covered} + ${names.uncovered} = ${covered + uncovered}, but ${names.total} = ${total} (a difference of ${total - covered - uncovered})`,
      ),
    );
  }
  const o = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    errors.push(problem('TARGET_INVALID', 'options must be an object { targetPercent? }'));
  }
  const target = o.targetPercent === undefined ? defaultTarget : o.targetPercent;
  if (target !== null && (typeof target !== 'number' || !Number.isFinite(target) || target < 0 || target > 100)) {
    errors.push(problem('TARGET_INVALID', `targetPercent must be null or a number from 0 to 100; got ${describe(target)}`));
  }
  if (errors.length > 0 || !isCount(total) || !isCount(covered)) return fail(errors);
  const targetPercent = target as number | null;
  if (total === 0) return ok({ covered, total, ratio: null, percent: null, targetPercent, meetsTarget: null, shortfall: null });
  let meetsTarget: boolean | null = null;
  let shortfall: number | null = null;
  if (targetPercent !== null) {
    // Exact integer arithmetic in basis points (0.01%): needed = ceil(target × total / 10,000).
    const product = BigInt(Math.round(targetPercent * 100)) * BigInt(total);
    const needed = Number(product / 10_000n + (product % 10_000n > 0n ? 1n : 0n));
    meetsTarget = covered >= needed;
    shortfall = Math.max(0, needed - covered);
  }
  return ok({
    covered,
    total,
    ratio: covered / total,
    percent: Math.round((covered * 10_000) / total) / 100,
    targetPercent,
    meetsTarget,
    shortfall,
  });
}

/**
 * e-KTP recording coverage (Ministry indicator: perekaman KTP-el): residents who are wajib KTP (17 or older, or
 * ever married; UU 24/2013 art. 63) and whose e-KTP biometrics have been recorded, over all residents who are
 * wajib KTP. 2023 target: 99.4%.
 *
 * @example ektpRecordingCoverage({ wajibKtp: 122478, recorded: 103438 }).value.percent // 84.45 (Nagekeo, May 2023)
 */
export function ektpRecordingCoverage(
  counts: { readonly wajibKtp: number; readonly recorded: number; readonly notRecorded?: number },
  options?: CoverageOptions,
): Result<Coverage, CoverageErrorCode> {
  return coverage(counts, { total: 'wajibKtp', covered: 'recorded', uncovered: 'notRecorded' }, options, INDICATOR_TARGETS_2023.ektpRecording);
}

/**
 * KIA coverage (Ministry indicator: kepemilikan KIA): children under 17 who have never married and hold a KIA
 * (Permendagri 2/2016), over all such children. 2023 target: 50%.
 *
 * @example kiaCoverage({ children: 52000, withKia: 26000 }).value.meetsTarget // true
 */
export function kiaCoverage(
  counts: { readonly children: number; readonly withKia: number; readonly withoutKia?: number },
  options?: CoverageOptions,
): Result<Coverage, CoverageErrorCode> {
  return coverage(counts, { total: 'children', covered: 'withKia', uncovered: 'withoutKia' }, options, INDICATOR_TARGETS_2023.kia);
}

/**
 * Birth deed coverage for ages 0–18 (Ministry indicator: kepemilikan akta kelahiran): residents aged 0 to 18
 * who hold a birth deed, over all residents aged 0 to 18. Who is counted is the caller's: we read "0–18" as 0
 * to 18 complete years inclusive (under 19 on the reference date). 2023 target: 98%.
 *
 * @example birthDeedCoverage({ residents: 60000, withDeed: 58800 }).value.meetsTarget // true
 */
export function birthDeedCoverage(
  counts: { readonly residents: number; readonly withDeed: number; readonly withoutDeed?: number },
  options?: CoverageOptions,
): Result<Coverage, CoverageErrorCode> {
  return coverage(counts, { total: 'residents', covered: 'withDeed', uncovered: 'withoutDeed' }, options, INDICATOR_TARGETS_2023.birthDeed);
}

/**
 * IKD activation (Ministry indicator: aktivasi Identitas Kependudukan Digital, Permendagri 72/2022): residents
 * with a recorded e-KTP whose IKD is active, over all residents with a recorded e-KTP (only they can activate
 * it). 2023 target: 25%, as the Director General of Dukcapil announced it in March 2023.
 *
 * @example ikdActivationCoverage({ ektpRecorded: 103438, ikdActive: 20000 }).value.shortfall // 5860
 */
export function ikdActivationCoverage(
  counts: { readonly ektpRecorded: number; readonly ikdActive: number; readonly ikdNotActive?: number },
  options?: CoverageOptions,
): Result<Coverage, CoverageErrorCode> {
  return coverage(counts, { total: 'ektpRecorded', covered: 'ikdActive', uncovered: 'ikdNotActive' }, options, INDICATOR_TARGETS_2023.ikd);
}

/**
 * Burial register (Ministry indicator: Buku Pokok Pemakaman): burials recorded in the burial registers of cemeteries,
 * parishes, mosques and villages and reported to the office whose death is registered (a death deed), over all burials
 * reported. Our reading of the indicator ("each burial recorded and matched with a death"): an unmatched burial is a
 * death nobody has registered yet. 2023 target: 75%, as the Director General of Dukcapil announced it in March 2023.
 *
 * @example burialRegisterCoverage({ burials: 40, matched: 30 }).value.meetsTarget // true
 */
export function burialRegisterCoverage(
  counts: { readonly burials: number; readonly matched: number; readonly waiting?: number },
  options?: CoverageOptions,
): Result<Coverage, CoverageErrorCode> {
  return coverage(counts, { total: 'burials', covered: 'matched', uncovered: 'waiting' }, options, INDICATOR_TARGETS_2023.burialRegister);
}

/**
 * Share of registrations reported within the deadline (UU 23/2006 as amended by UU 24/2013; see
 * classifyTimeliness): registrations in the period whose timeliness class is ON_TIME, over all registrations
 * in the period. No national target, so none by default.
 *
 * @example timelyRegistrationShare({ registrations: 200, onTime: 150, late: 50 }).value.percent // 75
 */
export function timelyRegistrationShare(
  counts: { readonly registrations: number; readonly onTime: number; readonly late?: number },
  options?: CoverageOptions,
): Result<Coverage, CoverageErrorCode> {
  return coverage(counts, { total: 'registrations', covered: 'onTime', uncovered: 'late' }, options, null);
}
