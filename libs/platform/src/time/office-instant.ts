/**
 * How every instant leaves a service (REST responses, event envelopes and payloads, audit entries, exports):
 * RFC 3339 at the office's offset (UTC_OFFSET, +08:00 / WITA in Nagekeo) with milliseconds,
 * `YYYY-MM-DDTHH:mm:ss.sss+08:00`. Calendar dates stay `YYYY-MM-DD`. Input still accepts any RFC 3339 offset
 * (and `Z`).
 *
 * Why the office's offset and not UTC: the office and its users read local time (WITA), and the date part of
 * every instant is then the office's day, which the domain already relies on for lifecycle actions
 * (libs/domain/src/deeds/instant.ts: day counts use the date as written). Consumers parse the offset anyway, so
 * `2026-11-27T09:30:00.123+08:00` and `2026-11-27T01:30:00.123Z` name the same moment.
 */

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** A fixed offset '+08:00' / '-03:30' in minutes east of UTC; throws a RangeError when it is not one. */
export function utcOffsetMinutes(utcOffset: string): number {
  const match = OFFSET.exec(utcOffset);
  const hours = match ? Number(match[2]) : NaN;
  const minutes = match ? Number(match[3]) : NaN;
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`not a UTC offset (±HH:MM): ${utcOffset}`);
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * A moment as the office writes it: `officeInstant(new Date('2026-11-27T01:30:00.123Z'), '+08:00')` is
 * `'2026-11-27T09:30:00.123+08:00'`. Takes a Date, epoch milliseconds, or an RFC 3339 date-time with its offset
 * (any offset, or `Z`). Throws a RangeError for an invalid moment, a date-time without an offset, a calendar date
 * alone (a day is not a moment) or a local year outside 0000–9999 (RFC 3339 has four digits).
 */
export function officeInstant(moment: Date | string | number, utcOffset: string): string {
  const offset = utcOffsetMinutes(utcOffset);
  let epochMs: number;
  if (moment instanceof Date) epochMs = moment.getTime();
  else if (typeof moment === 'number') epochMs = moment;
  else {
    if (!/T.*(?:Z|[+-]\d{2}:\d{2})$/i.test(moment)) throw new RangeError(`not a date-time with an offset: ${moment}`);
    epochMs = Date.parse(moment);
  }
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a moment: ${String(moment)}`);
  const local = new Date(epochMs + offset * 60_000);
  const year = local.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError(`outside the years 0000–9999 at ${utcOffset}: ${String(moment)}`);
  // toISOString of the shifted moment is the office's wall-clock time, written with 'Z'; write the offset instead.
  return `${local.toISOString().slice(0, 23)}${utcOffset}`;
}

/** officeInstant for a value that may be missing: null and undefined give null. */
export function officeInstantOrNull(moment: Date | string | number | null | undefined, utcOffset: string): string | null {
  return moment === null || moment === undefined ? null : officeInstant(moment, utcOffset);
}

/** What an instant in a response looks like: the pattern of officeInstant's output (any offset). */
export const OFFICE_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

/** The rule once, for OpenAPI descriptions and documents. */
export const OFFICE_INSTANT_RULE =
  "Every instant (a property named `at` or `…At`, and an event envelope's `occurredAt`) is RFC 3339 at the office's " +
  'offset (UTC_OFFSET, +08:00 / WITA by default) with milliseconds, e.g. `2026-11-27T09:30:00.123+08:00`, so that its ' +
  "date part is the office's day (a step known only by its day, taken over from an older register, is `YYYY-MM-DD`); " +
  'calendar dates are `YYYY-MM-DD`. Input accepts any RFC 3339 offset, or `Z`.';

/** OpenAPI options for a DTO property that is an instant: `@ApiProperty({ ...INSTANT_PROPERTY, description })`. */
export const INSTANT_PROPERTY = { type: String, format: 'date-time', example: '2026-11-27T09:30:00.123+08:00' } as const;

/**
 * OpenAPI options for a lifecycle step's time that may be a whole day: an instant in the office's form, or the
 * calendar date `YYYY-MM-DD` when only the day is known (a state taken over from an older register).
 */
export const INSTANT_OR_DAY_PROPERTY = {
  type: String,
  example: '2026-11-27T09:30:00.123+08:00',
  description: "RFC 3339 at the office's offset with milliseconds, or `YYYY-MM-DD` when only the day is known (taken over from an older register)",
} as const;
