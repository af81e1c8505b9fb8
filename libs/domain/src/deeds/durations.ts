/**
 * Service durations: how long a record took from the event to the document in hand, in whole calendar days.
 * The office's two programmes are measured this way: BLAS (Bayi Lahir Akta Siap, a baby is born and its birth
 * deed is ready) and OMAS (Orang Mati Akta Siap, a person dies and the death deed is ready); see
 * `DEED_TYPE_RULES[type].programme`. Their indicator is the event-to-issue time (`eventToIssued`), summarised by
 * the median and 90th percentile (indicators/service-times.ts).
 *
 * Milestones: event → notified (the office first learns of it: a partner's notification, or the application
 * itself when nobody notified) → registered (for a stillbirth: recorded) → issued (the first kutipan; for a
 * stillbirth the letter is issued when recorded). Days are counted between the calendar dates as written
 * (see instant.ts): same day = 0.
 */
import { daysBetween, parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { parseInstant, type Instant } from './instant.js';
import type { DeedState } from './lifecycle.js';

export interface ServiceMilestones {
  readonly eventDate: IsoDate;
  readonly notifiedAt?: Instant | null;
  readonly registeredAt?: Instant | null;
  readonly issuedAt?: Instant | null;
}

/** Whole days between milestones; null when a milestone is not reached yet. */
export interface ServiceDurations {
  readonly eventToNotified: number | null;
  readonly notifiedToRegistered: number | null;
  readonly registeredToIssued: number | null;
  /** The BLAS / OMAS time. */
  readonly eventToIssued: number | null;
}

/**
 * - `EVENT_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `MILESTONE_INVALID`: a milestone that is neither null/absent nor an instant;
 * - `MILESTONE_MISSING`: a milestone without the one before it (issued but never registered…);
 * - `MILESTONE_OUT_OF_ORDER`: a milestone on a day before the previous one.
 */
export type DurationErrorCode = (typeof DURATION_ERROR_CODES)[number];

export const DURATION_ERROR_CODES = ['EVENT_DATE_INVALID', 'MILESTONE_INVALID', 'MILESTONE_MISSING', 'MILESTONE_OUT_OF_ORDER'] as const;

const STEPS = ['notifiedAt', 'registeredAt', 'issuedAt'] as const;

/**
 * Durations between the milestones of one record. Reports every error; never throws.
 *
 * @example serviceDurations({ eventDate: '2026-11-01', notifiedAt: '2026-11-02T08:00+08:00', registeredAt: '2026-11-03', issuedAt: '2026-11-03' })
 * // ok: { eventToNotified: 1, notifiedToRegistered: 1, registeredToIssued: 0, eventToIssued: 2 }
 */
export function serviceDurations(milestones: ServiceMilestones): Result<ServiceDurations, DurationErrorCode> {
  const errors: Problem<DurationErrorCode>[] = [];
  const m: Partial<Record<keyof ServiceMilestones, unknown>> = typeof milestones === 'object' && milestones !== null ? milestones : {};
  const event = parseIsoDate(m.eventDate);
  if (event === undefined) errors.push(problem('EVENT_DATE_INVALID', 'eventDate must be a real date YYYY-MM-DD'));
  const days: (number | undefined)[] = [event];
  const names = ['eventDate', ...STEPS];
  STEPS.forEach((name, i) => {
    const value = m[name];
    if (value === undefined || value === null) {
      days.push(undefined);
      return;
    }
    const parsed = parseInstant(value);
    if (parsed === undefined) {
      errors.push(problem('MILESTONE_INVALID', `${name} must be null, YYYY-MM-DD or an ISO date-time with offset`));
      days.push(undefined);
      return;
    }
    days.push(parsed.ymd);
    const previousValue = i === 0 ? m.eventDate : m[STEPS[i - 1] as keyof ServiceMilestones];
    if (i > 0 && (previousValue === undefined || previousValue === null)) {
      errors.push(problem('MILESTONE_MISSING', `${name} is set but ${names[i]} is not`));
    }
    const previous = days[i];
    if (previous !== undefined && parsed.ymd < previous) {
      errors.push(problem('MILESTONE_OUT_OF_ORDER', `${name} (${ymdToIso(parsed.ymd)}) is before ${names[i]} (${ymdToIso(previous)})`));
    }
  });
  if (errors.length > 0) return fail(errors);
  const between = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? null : daysBetween(from, to);
  const [e, n, r, s] = days;
  return ok({
    eventToNotified: between(e, n),
    notifiedToRegistered: between(n, r),
    registeredToIssued: between(r, s),
    eventToIssued: between(e, s),
  });
}

/**
 * The durations of a record folded by foldDeed: notified = the first report, registered = registration (or,
 * for a stillbirth, recording), issued = the first kutipan (or, for a stillbirth, the recording, when its
 * letter is issued).
 *
 * @example deedServiceDurations(foldDeed('BIRTH', actions).value) // { ok: true, value: { eventToIssued: 2, … } }
 */
export function deedServiceDurations(state: DeedState): Result<ServiceDurations, DurationErrorCode> {
  if (typeof state !== 'object' || state === null) {
    return fail([problem('EVENT_DATE_INVALID', 'state must be a DeedState from foldDeed or applyAction')]);
  }
  const firstReport = state.notifiedAt ?? state.submittedAt ?? state.reportedOn ?? null;
  const stillbirth = state.deedType === 'STILLBIRTH';
  return serviceDurations({
    eventDate: state.eventDate,
    notifiedAt: firstReport,
    registeredAt: stillbirth ? state.recordedAt : state.registeredAt,
    issuedAt: stillbirth ? state.recordedAt : state.issuedAt,
  });
}
