/**
 * Dates, numbers and times as the office writes them: "7 Desember 2026", 122.478 and 84,45 (Intl with id-ID),
 * times in WITA (Asia/Makassar, UTC+8, Nagekeo's time zone) with the zone named. English uses the same day-month
 * order ("7 December 2026") and English digits grouping.
 */
export type Language = 'id' | 'en';

const LOCALE: Readonly<Record<Language, string>> = { id: 'id-ID', en: 'en-GB' };
/** WITA, Waktu Indonesia Tengah. */
export const OFFICE_TIME_ZONE = 'Asia/Makassar';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A calendar date 'YYYY-MM-DD' (as the APIs send it) as "7 Desember 2026"; an instant as its day in WITA. */
export function formatDate(value: string | Date, lang: Language = 'id'): string {
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = dateOnly ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const f = formatter(`d:${lang}:${dateOnly}`, () =>
    new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: dateOnly ? 'UTC' : OFFICE_TIME_ZONE }),
  );
  return f.format(date);
}

/** The time of an instant in WITA, with the zone: "14.05 WITA". */
export function formatTime(value: string | Date, lang: Language = 'id'): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const f = formatter(`t:${lang}`, () => new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: OFFICE_TIME_ZONE }));
  return `${f.format(date)} WITA`;
}

/** Day and time of an instant: "7 Desember 2026, 14.05 WITA". */
export function formatDateTime(value: string | Date, lang: Language = 'id'): string {
  return `${formatDate(new Date(value), lang)}, ${formatTime(value, lang)}`;
}

/** A count or measure: 122.478; 84,45 (at most `fractionDigits` decimals). */
export function formatNumber(value: number, lang: Language = 'id', fractionDigits = 2): string {
  return formatter(`n:${lang}:${fractionDigits}`, () => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: fractionDigits })).format(value);
}

/** A percentage with two decimals: "84,45%". */
export function formatPercent(value: number, lang: Language = 'id'): string {
  return `${formatter(`p:${lang}`, () => new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(value)}%`;
}
