/**
 * The outreach backlog's rules that a service needs besides the planner itself:
 *
 * - `backlogMilestones(person)`: the dates on which a resident enters or leaves each backlog by age alone, so
 *   that a service keeping one row per resident (birth date and marital status, no name or NIK) can count its
 *   backlog as of any date with plain comparisons (`wajibKtpFrom <= asOf`), in SQL, instead of asking
 *   isWajibKtp and kiaEligibility row by row. The dates agree with those two functions for every `asOf` on or
 *   after the birth date (a property test checks it):
 *   - wajib KTP (UU 24/2013 art. 63(1)): from the 17th birthday, or from birth for anyone ever married (the
 *     marriage date is not held; someone ever married is wajib KTP whatever the date);
 *   - KIA (Permendagri 2/2016): up to the day before the 17th birthday, for children never married (none for
 *     the ever married);
 *   - the birth-deed backlog: children aged 0 to 18 complete years, as the Ministry's indicator counts them
 *     (birthDeedCoverage reads "0–18" as under 19 on the reference date), so up to the day before the 19th
 *     birthday.
 * - `replanVisits(input, { endDate, committed })`: the rest of a plan after a cancelled visit: the planner
 *   (planVisits) from `startDate` up to the old plan's `endDate`, on the backlog less what the visits kept from
 *   the old plan are still expected to deliver.
 */
import { addDays, addYears, daysBetween, parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { isEverMarried, isMaritalStatus } from '../codes/marital-status.js';
import { KIA_AGE_LIMIT, WAJIB_KTP_AGE, type PersonStatus } from '../people/age.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import {
  MAX_PLAN_WEEKS,
  OUTREACH_INPUT_ERROR_CODES,
  SERVICE_KINDS,
  type OutreachInput,
  type OutreachWarningCode,
  type PlanningProblem,
  type PlanningResult,
  type ServiceKind,
} from './outreach-input.js';
import type { OutreachPlan } from './outreach-engine.js';
import { planVisits } from './outreach-planner.js';

/** Children count in the birth-deed backlog up to 18 complete years (under 19), as birthDeedCoverage reads "0–18". */
export const BIRTH_DEED_CHILD_AGE_LIMIT = 19;

export interface BacklogMilestones {
  /** The first day the person is wajib KTP: the 17th birthday, or the birth date for anyone ever married. */
  readonly wajibKtpFrom: IsoDate;
  /** The last day the person may hold a KIA (the day before the 17th birthday); null when ever married. */
  readonly kiaUntil: IsoDate | null;
  /** The last day the person counts as a child for the birth-deed backlog (the day before the 19th birthday). */
  readonly childUntil: IsoDate;
}

/** `BIRTH_DATE_INVALID`: not a real date YYYY-MM-DD; `MARITAL_STATUS_INVALID`: not one of MARITAL_STATUSES. */
export type MilestoneErrorCode = (typeof MILESTONE_ERROR_CODES)[number];

export const MILESTONE_ERROR_CODES = ['BIRTH_DATE_INVALID', 'MARITAL_STATUS_INVALID'] as const;

/**
 * The dates a resident enters or leaves the e-KTP, KIA and birth-deed backlogs by age (see the module comment).
 *
 * @example backlogMilestones({ birthDate: '2009-05-10', maritalStatus: 'BELUM_KAWIN' }).value
 * // { wajibKtpFrom: '2026-05-10', kiaUntil: '2026-05-09', childUntil: '2028-05-09' }
 */
export function backlogMilestones(person: PersonStatus): Result<BacklogMilestones, MilestoneErrorCode> {
  const errors: Problem<MilestoneErrorCode>[] = [];
  const birth = parseIsoDate(person?.birthDate);
  if (birth === undefined) errors.push(problem('BIRTH_DATE_INVALID', 'birthDate must be a real date YYYY-MM-DD'));
  const marital = person?.maritalStatus;
  if (!isMaritalStatus(marital)) errors.push(problem('MARITAL_STATUS_INVALID', 'maritalStatus must be one of the MARITAL_STATUSES codes'));
  if (birth === undefined || !isMaritalStatus(marital)) return fail(errors);
  const everMarried = isEverMarried(marital);
  return ok({
    wajibKtpFrom: ymdToIso(everMarried ? birth : addYears(birth, WAJIB_KTP_AGE)),
    kiaUntil: everMarried ? null : ymdToIso(addDays(addYears(birth, KIA_AGE_LIMIT), -1)),
    childUntil: ymdToIso(addDays(addYears(birth, BIRTH_DEED_CHILD_AGE_LIMIT), -1)),
  });
}

/** A visit kept from the plan being replaced, whose services are still to come out of the backlog. */
export interface CommittedVisit {
  readonly villageCode: string;
  readonly services: Readonly<Partial<Record<ServiceKind, number>>>;
}

export interface ReplanOptions {
  /** The last day of the plan being replaced: the new plan ends on it too. */
  readonly endDate: IsoDate;
  /** Visits kept from the old plan that have not happened yet (their expected services leave the backlog first). */
  readonly committed?: readonly CommittedVisit[];
}

/**
 * Besides the input's own codes:
 * - `PLAN_END_DATE_INVALID`: endDate is not a real date, is before the start date, or more than 520 weeks after it;
 * - `PLAN_COMMITTED_INVALID`: a committed visit without a village code or with services that are not whole
 *   numbers ≥ 0 under known kinds.
 */
export type ReplanErrorCode = (typeof REPLAN_ERROR_CODES)[number];

/** Every ReplanErrorCode: the input's (OUTREACH_INPUT_ERROR_CODES) and the two above. */
export const REPLAN_ERROR_CODES = [...OUTREACH_INPUT_ERROR_CODES, 'PLAN_END_DATE_INVALID', 'PLAN_COMMITTED_INVALID'] as const;

export type ReplanResult = PlanningResult<OutreachPlan, ReplanErrorCode, OutreachWarningCode>;

const digitsOf = (code: unknown): string => (typeof code === 'string' ? code.trim().replace(/\./g, '') : '');
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Re-plans the rest of a plan: planVisits from `input.startDate` (default `asOf`) to `endDate`, on the
 * villages' backlog less the services of the `committed` visits (never below 0). The horizon is the whole
 * weeks that cover the days left; the days after `endDate` in the last week are blacked out, so no visit falls
 * after it, and the returned plan ends on `endDate` (its skipped dates stop there too). Deterministic, like
 * planVisits.
 *
 * @example replanVisits({ asOf: '2026-12-10', startDate: '2026-12-10', teams, villages }, { endDate: '2026-12-13',
 *   committed: [{ villageCode: '5316011003', services: { EKTP_RECORDING: 60 } }] }).value.visits // the visits of 10–13 December
 */
export function replanVisits(input: Omit<OutreachInput, 'weeks'>, options: ReplanOptions): ReplanResult {
  const errors: PlanningProblem<ReplanErrorCode>[] = [];
  const start = parseIsoDate(input?.startDate ?? input?.asOf);
  const end = parseIsoDate(options?.endDate);
  let weeks = 1;
  if (end === undefined || (start !== undefined && (end < start || daysBetween(start, end) >= 7 * MAX_PLAN_WEEKS))) {
    errors.push({
      code: 'PLAN_END_DATE_INVALID',
      path: 'endDate',
      message: `endDate must be a real date from the start date up to ${MAX_PLAN_WEEKS} weeks later; got ${JSON.stringify(options?.endDate ?? null)}`,
    });
  } else if (start !== undefined) {
    weeks = Math.ceil((daysBetween(start, end) + 1) / 7);
  }
  const less = new Map<string, number[]>();
  (options?.committed ?? []).forEach((visit, i) => {
    const code = digitsOf(visit?.villageCode);
    const services = visit?.services as Record<string, unknown> | undefined;
    const bad =
      code === '' ||
      typeof services !== 'object' ||
      services === null ||
      Object.entries(services).some(([kind, n]) => !SERVICE_KINDS.includes(kind as ServiceKind) || (n !== undefined && !isCount(n)));
    if (bad) {
      errors.push({ code: 'PLAN_COMMITTED_INVALID', path: `committed[${i}]`, message: `committed[${i}] must be { villageCode, services } with whole numbers ≥ 0 by service kind` });
      return;
    }
    const sum = less.get(code) ?? [0, 0, 0, 0, 0];
    SERVICE_KINDS.forEach((kind, k) => (sum[k] = (sum[k] as number) + ((services[kind] as number | undefined) ?? 0)));
    less.set(code, sum);
  });
  if (errors.length > 0) return { ok: false, errors };

  const villages = Array.isArray(input?.villages)
    ? input.villages.map((v) => {
        const minus = less.get(digitsOf(v?.code));
        if (!minus || typeof v?.backlog !== 'object' || v.backlog === null) return v;
        const backlog: Partial<Record<ServiceKind, number>> = { ...v.backlog };
        SERVICE_KINDS.forEach((kind, k) => {
          const n = v.backlog[kind];
          if (isCount(n)) backlog[kind] = Math.max(0, n - (minus[k] as number));
        });
        return { ...v, backlog };
      })
    : input?.villages;
  const after: IsoDate[] = [];
  if (start !== undefined && end !== undefined) {
    for (let day = addDays(end, 1); day < addDays(start, 7 * weeks); day = addDays(day, 1)) after.push(ymdToIso(day));
  }
  const blackouts = Array.isArray(input?.blackouts) ? [...input.blackouts, ...after] : input?.blackouts === undefined ? after : input.blackouts;
  const result = planVisits({ ...input, weeks, villages, blackouts } as OutreachInput);
  if (!result.ok || end === undefined) return result;
  const endDate = ymdToIso(end);
  return { ...result, value: { ...result.value, endDate, skippedDates: result.value.skippedDates.filter((d) => d.date <= endDate) } };
}
