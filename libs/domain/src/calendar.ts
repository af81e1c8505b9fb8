/**
 * Calendar dates without time zones. The library passes dates as ISO strings ('YYYY-MM-DD'): a birth date
 * or a deed date is a day on the calendar, not an instant, and strings compare, serialise and log safely.
 * Internally a date is also handled as the number YYYYMMDD, which orders the same way.
 *
 * Time comes in as `asOf` (DESIGN.md, house rule 1): nothing here reads the clock.
 */

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

/** The reference date of a check: an ISO date string, or a Date read in UTC. */
export type AsOf = IsoDate | Date;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month] ?? 0;
}

/** True when year/month/day name a real day of the Gregorian calendar (years 1–9999). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Two-digit strings '00'..'99', shared so that formatting allocates nothing. */
export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

export function pad4(n: number): string {
  return TWO_DIGITS[(n / 100) | 0] + TWO_DIGITS[n % 100];
}

export function ymdToIso(ymd: number): IsoDate {
  const year = Math.floor(ymd / 10000);
  return pad4(year) + '-' + TWO_DIGITS[Math.floor(ymd / 100) % 100] + '-' + TWO_DIGITS[ymd % 100];
}

export function ymd(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads 'YYYY-MM-DD' into YYYYMMDD, or undefined when it is not a real calendar date. */
export function parseIsoDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_DATE.exec(value);
  if (m === null) return undefined;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  return isRealDate(year, month, day) ? ymd(year, month, day) : undefined;
}

let lastAsOf: unknown;
let lastAsOfYmd: number | undefined;

/**
 * Reads an `asOf` option into YYYYMMDD, or undefined when it is neither a real ISO date nor a valid Date.
 * The last answer is remembered: callers pass the same `asOf` to many checks in a row.
 */
export function asOfToYmd(asOf: unknown): number | undefined {
  if (asOf === lastAsOf && typeof asOf === 'string') return lastAsOfYmd;
  let result: number | undefined;
  if (asOf instanceof Date) {
    const time = asOf.getTime();
    result = Number.isNaN(time) ? undefined : ymd(asOf.getUTCFullYear(), asOf.getUTCMonth() + 1, asOf.getUTCDate());
    return result;
  }
  result = parseIsoDate(asOf);
  lastAsOf = asOf;
  lastAsOfYmd = result;
  return result;
}

/** The date `years` calendar years after `date` (29 February becomes 1 March in a common year). */
export function addYears(dateYmd: number, years: number): number {
  const year = Math.floor(dateYmd / 10000) + years;
  const month = Math.floor(dateYmd / 100) % 100;
  const day = dateYmd % 100;
  if (month === 2 && day === 29 && !isLeapYear(year)) return ymd(year, 3, 1);
  return ymd(year, month, day);
}

/** The date `days` days after (or, when negative, before) the given date. */
export function addDays(dateYmd: number, days: number): number {
  const year = Math.floor(dateYmd / 10000);
  const month = Math.floor(dateYmd / 100) % 100;
  const day = dateYmd % 100;
  const t = Date.UTC(year, month - 1, day) + days * 86_400_000;
  const d = new Date(t);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `fromYmd` to `toYmd` (negative when `toYmd` is earlier). */
export function daysBetween(fromYmd: number, toYmd: number): number {
  const toUtc = (v: number) => Date.UTC(Math.floor(v / 10000), (Math.floor(v / 100) % 100) - 1, v % 100);
  return Math.round((toUtc(toYmd) - toUtc(fromYmd)) / 86_400_000);
}
