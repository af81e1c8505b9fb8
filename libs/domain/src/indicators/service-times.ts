/**
 * Summaries of service times (days from the event to the document issued, e.g. BLAS and OMAS times from
 * deedServiceDurations): the median and the 90th percentile.
 *
 * Percentile method: nearest rank. Sort the N values ascending; the p-th percentile (0 < p ≤ 100) is the value
 * at rank ⌈p / 100 × N⌉ (1-based). It is always one of the observed values (no interpolation), so it reads as
 * "90% of records took at most this many days", and it is the same whatever tool recomputes it. The median is
 * the 50th percentile by this method: for an even N it is the lower of the two middle values (for
 * [1, 2, 3, 4] it is 2, not 2.5).
 *
 * Empty input is not an error: the percentile is null (there is no service time to speak of), and the
 * summary's count is 0.
 */
import { fail, ok, problem, type Problem, type Result } from '../result.js';

/**
 * - `VALUES_INVALID`: the values are not a list;
 * - `VALUE_INVALID`: an entry that is not an integer ≥ 0 (a number of days); one problem per entry;
 * - `PERCENTILE_INVALID`: p is not a number with 0 < p ≤ 100.
 */
export type ServiceTimeErrorCode = (typeof SERVICE_TIME_ERROR_CODES)[number];

export const SERVICE_TIME_ERROR_CODES = ['VALUES_INVALID', 'VALUE_INVALID', 'PERCENTILE_INVALID'] as const;

export interface ServiceTimeSummary {
  readonly count: number;
  /** Nearest-rank 50th percentile, or null when there are no values. */
  readonly median: number | null;
  /** Nearest-rank 90th percentile, or null when there are no values. */
  readonly p90: number | null;
}

function readDays(values: unknown, errors: Problem<ServiceTimeErrorCode>[]): number[] | undefined {
  if (!Array.isArray(values)) {
    errors.push(problem('VALUES_INVALID', 'values must be a list of whole days'));
    return undefined;
  }
  const days: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) days.push(v);
    else errors.push(problem('VALUE_INVALID', `values[${i}] must be a whole number of days ≥ 0; got ${typeof v === 'number' ? String(v) : typeof v}`));
  }
  return days.sort((a, b) => a - b);
}

function rankOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/**
 * The nearest-rank p-th percentile of whole-day values (see the module comment), or null for no values.
 *
 * @example nearestRankPercentile([3, 1, 2, 10], 50) // { ok: true, value: 2, warnings: [] }
 */
export function nearestRankPercentile(values: readonly number[], p: number): Result<number | null, ServiceTimeErrorCode> {
  const errors: Problem<ServiceTimeErrorCode>[] = [];
  if (typeof p !== 'number' || !(p > 0 && p <= 100)) {
    errors.push(problem('PERCENTILE_INVALID', `p must be a number with 0 < p ≤ 100; got ${typeof p === 'number' ? String(p) : typeof p}`));
  }
  const days = readDays(values, errors);
  if (errors.length > 0 || days === undefined) return fail(errors);
  return ok(rankOf(days, p));
}

/**
 * Count, median and 90th percentile (nearest rank) of service times in whole days: the BLAS or OMAS times
 * of a period. Empty input gives `{ count: 0, median: null, p90: null }`.
 *
 * @example serviceTimeSummary([0, 1, 1, 2, 3, 3, 4, 7, 9, 30]) // ok: { count: 10, median: 3, p90: 9 }
 */
export function serviceTimeSummary(days: readonly number[]): Result<ServiceTimeSummary, ServiceTimeErrorCode> {
  const errors: Problem<ServiceTimeErrorCode>[] = [];
  const sorted = readDays(days, errors);
  if (errors.length > 0 || sorted === undefined) return fail(errors);
  return ok({ count: sorted.length, median: rankOf(sorted, 50), p90: rankOf(sorted, 90) });
}
