/**
 * Reporting deadlines and the timeliness of a registration (UU 23/2006 as amended by UU 24/2013): birth 60
 * days (art. 27(1)), stillbirth 30 (art. 33(1)), death 30 (art. 44(1)), marriage 60 (art. 34(1)), divorce 60
 * after the court decision is final (art. 40(1)), recognition 30 after the recognition letter (art. 49(1)),
 * legitimation 30 after the parents' marriage deed (art. 50(1)), adoption 30 after the copy of the court
 * decision is received (art. 47(2)). The day counted from is `DEED_TYPE_RULES[type].deadlineFrom`.
 *
 * Counting: calendar days, the day of the event is day 0; reporting on day `deadlineDays` is still on time
 * (our reading of "paling lambat … hari sejak …").
 *
 * What is measured is the day the event was first reported to the office (a partner's notification or the
 * application, whichever came first): the law puts the obligation on reporting ("wajib dilaporkan"), and the
 * office's own processing time is measured separately (durations.ts).
 *
 * Timeliness classes:
 * - `ON_TIME`: reported by the deadline;
 * - `LATE_UP_TO_ONE_YEAR`: after the deadline, at most one calendar year after the day counted from;
 * - `LATE_OVER_ONE_YEAR`: later than that. (The one-year line comes from the original art. 32, which required
 *   a court decision for births reported after a year; UU 24/2013 replaced it by the head's decision for every
 *   late birth, after Constitutional Court decision 18/PUU-XI/2013. Reports still tell the two apart.)
 *
 * A birth reported after 60 days is registered only after a decision of the head of the office (Kepala
 * Instansi Pelaksana; UU 23/2006 art. 32(1) as amended by UU 24/2013): `headDecisionRequired`.
 */
import { addDays, addYears, daysBetween, parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { DEED_TYPE_RULES, isDeedType, type DeedType } from './deed-types.js';
import { parseInstant, type Instant } from './instant.js';

export type TimelinessClass = 'ON_TIME' | 'LATE_UP_TO_ONE_YEAR' | 'LATE_OVER_ONE_YEAR';

export const TIMELINESS_CLASSES: readonly TimelinessClass[] = ['ON_TIME', 'LATE_UP_TO_ONE_YEAR', 'LATE_OVER_ONE_YEAR'];

export interface Timeliness {
  readonly class: TimelinessClass;
  /** The last day on which reporting is on time. */
  readonly deadline: IsoDate;
  /** Days from the day counted from to the report. */
  readonly daysAfterEvent: number;
  /** Days after the deadline (0 when on time). */
  readonly daysLate: number;
  /** A late birth: the head of the office must decide before registration (art. 32(1) as amended). */
  readonly headDecisionRequired: boolean;
}

/**
 * - `DEED_TYPE_INVALID`: not one of DEED_TYPES;
 * - `EVENT_DATE_INVALID`: not a real date 'YYYY-MM-DD';
 * - `REPORT_DATE_INVALID`: not an instant (a date, or a date-time with offset);
 * - `REPORT_BEFORE_EVENT`: reported before the event happened.
 */
export type DeadlineErrorCode = (typeof DEADLINE_ERROR_CODES)[number];

export const DEADLINE_ERROR_CODES = ['DEED_TYPE_INVALID', 'EVENT_DATE_INVALID', 'REPORT_DATE_INVALID', 'REPORT_BEFORE_EVENT'] as const;

/** Timeliness from YYYYMMDD numbers, for a known deed type; the caller has checked event <= report. */
export function timelinessOf(deedType: DeedType, eventYmd: number, reportYmd: number): Timeliness {
  const rule = DEED_TYPE_RULES[deedType];
  const deadline = addDays(eventYmd, rule.deadlineDays);
  const oneYear = addYears(eventYmd, 1);
  const cls: TimelinessClass = reportYmd <= deadline ? 'ON_TIME' : reportYmd <= oneYear ? 'LATE_UP_TO_ONE_YEAR' : 'LATE_OVER_ONE_YEAR';
  const daysAfterEvent = daysBetween(eventYmd, reportYmd);
  return {
    class: cls,
    deadline: ymdToIso(deadline),
    daysAfterEvent,
    daysLate: Math.max(0, daysAfterEvent - rule.deadlineDays),
    headDecisionRequired: rule.lateNeedsHeadDecision && cls !== 'ON_TIME',
  };
}

/**
 * The last day on which an event of this type, counted from `eventDate`, is reported on time.
 *
 * @example reportingDeadline('BIRTH', '2026-01-01') // { ok: true, value: '2026-03-02', warnings: [] }
 */
export function reportingDeadline(
  deedType: DeedType,
  eventDate: IsoDate,
): Result<IsoDate, 'DEED_TYPE_INVALID' | 'EVENT_DATE_INVALID'> {
  const errors: Problem<'DEED_TYPE_INVALID' | 'EVENT_DATE_INVALID'>[] = [];
  const event = parseIsoDate(eventDate);
  if (!isDeedType(deedType)) errors.push(problem('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES'));
  if (event === undefined) errors.push(problem('EVENT_DATE_INVALID', 'eventDate must be a real date YYYY-MM-DD'));
  if (errors.length > 0 || event === undefined || !isDeedType(deedType)) return fail(errors);
  return ok(ymdToIso(addDays(event, DEED_TYPE_RULES[deedType].deadlineDays)));
}

export interface TimelinessInput {
  /** The day the deadline is counted from (see DEED_TYPE_RULES[type].deadlineFrom). */
  readonly eventDate: IsoDate;
  /** When the event was first reported to the office; a date-time counts on its local date. */
  readonly reportedAt: Instant;
}

/**
 * The timeliness class of a report, its deadline, how late it was, and whether the head of the office must
 * decide (a late birth). Never throws; reports every error.
 *
 * @example classifyTimeliness('BIRTH', { eventDate: '2026-01-01', reportedAt: '2026-03-03' })
 * // ok: { class: 'LATE_UP_TO_ONE_YEAR', deadline: '2026-03-02', daysAfterEvent: 61, daysLate: 1, headDecisionRequired: true }
 */
export function classifyTimeliness(deedType: DeedType, input: TimelinessInput): Result<Timeliness, DeadlineErrorCode> {
  const errors: Problem<DeadlineErrorCode>[] = [];
  const record = typeof input === 'object' && input !== null ? input : undefined;
  const event = parseIsoDate(record?.eventDate);
  const report = parseInstant(record?.reportedAt);
  if (!isDeedType(deedType)) errors.push(problem('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES'));
  if (event === undefined) errors.push(problem('EVENT_DATE_INVALID', 'eventDate must be a real date YYYY-MM-DD'));
  if (report === undefined) {
    errors.push(problem('REPORT_DATE_INVALID', 'reportedAt must be a date YYYY-MM-DD or an ISO date-time with offset'));
  }
  if (event !== undefined && report !== undefined && report.ymd < event) {
    errors.push(problem('REPORT_BEFORE_EVENT', `reported on ${ymdToIso(report.ymd)}, before the event on ${ymdToIso(event)}`));
  }
  if (errors.length > 0 || event === undefined || report === undefined || !isDeedType(deedType)) return fail(errors);
  return ok(timelinessOf(deedType, event, report.ymd));
}
