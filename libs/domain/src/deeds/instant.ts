/**
 * Instants: when an action on a record happened (notified, submitted, registered, issued…).
 *
 * An instant is written either as a calendar date 'YYYY-MM-DD' (the whole day, when only the day is known) or
 * as an ISO 8601 date-time that carries its offset: 'YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±HH:MM)'. A date-time
 * without an offset is refused: it does not name one moment.
 *
 * - Day counts (deadlines, BLAS/OMAS durations) use the calendar date as written, i.e. the local date at the
 *   instant's own offset. Services should therefore write instants at the office's offset (+08:00, WITA, for
 *   Nagekeo), so that an action at 07:00 local time counts on that local day and not on the previous UTC day.
 * - Order uses the absolute time between two date-times (to the millisecond), and the calendar date when
 *   either side is a date only (a whole day is neither before nor after a moment of that same day).
 */

/** 'YYYY-MM-DD' or an ISO 8601 date-time with its offset, e.g. '2026-11-27T09:30:00+08:00'. */
export type Instant = string;

export interface ParsedInstant {
  /** The calendar date as written, as the number YYYYMMDD. */
  readonly ymd: number;
  /** Milliseconds since 1970-01-01T00:00Z, or null for a date-only instant. */
  readonly epochMs: number | null;
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), valid for every year 1–9999. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Reads an instant, or undefined when it is not one (see the module comment for the accepted forms). */
export function parseInstant(value: unknown): ParsedInstant | undefined {
  if (typeof value !== 'string') return undefined;
  const m = INSTANT.exec(value);
  if (m === null) return undefined;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const monthDays = month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month] ?? 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthDays) return undefined;
  const ymd = year * 10000 + month * 100 + day;
  if (m[4] === undefined) return { ymd, epochMs: null };
  const hour = +m[4];
  const minute = +(m[5] as string);
  const second = m[6] === undefined ? 0 : +m[6];
  const millis = m[7] === undefined ? 0 : +m[7].slice(0, 3).padEnd(3, '0');
  const offsetHours = m[9] === undefined ? 0 : +m[9];
  const offsetMinutes = m[10] === undefined ? 0 : +m[10];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const epochMs = (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset) * 60_000 + second * 1000 + millis;
  return { ymd, epochMs };
}

/** True when `later` is not before `earlier` (by absolute time between date-times, else by calendar date). */
export function isNotBefore(later: ParsedInstant, earlier: ParsedInstant): boolean {
  if (later.epochMs !== null && earlier.epochMs !== null) return later.epochMs >= earlier.epochMs;
  return later.ymd >= earlier.ymd;
}
