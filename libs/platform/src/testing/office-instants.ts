/**
 * For the tests that check the one written form of instants (time/office-instant.ts): every string in a JSON
 * value that looks like a date-time, with where it is, so that a test can say which one broke the rule.
 */

/** A string that starts like a date-time ('YYYY-MM-DDT…'); a calendar date alone ('YYYY-MM-DD') is not one. */
const DATE_TIME_LIKE = /^\d{4}-\d{2}-\d{2}T/;

/** What every instant a service writes looks like at Nagekeo's offset (UTC_OFFSET +08:00, the default). */
export const WITA_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

/** Every date-time-looking string in `value` (objects, arrays, nested), as `path = value`, in document order. */
export function dateTimesIn(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return DATE_TIME_LIKE.test(value) ? [`${path} = ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => dateTimesIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => dateTimesIn(v, `${path}.${k}`));
  return [];
}

/** The date-time-looking strings in `value` that are not written as `form` (default: WITA with milliseconds). */
export function instantsNotInForm(value: unknown, form: RegExp = WITA_INSTANT): string[] {
  return dateTimesIn(value).filter((entry) => !form.test(entry.slice(entry.indexOf(' = ') + 3)));
}
