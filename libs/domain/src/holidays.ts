/**
 * Indonesia's national holidays (hari libur nasional) and joint leave days (cuti bersama), as data with their
 * source, and a structure an office extends with what it learns later (the next year's decree, a regional day).
 *
 * Which days are national holidays is set by Keputusan Presiden Nomor 8 Tahun 2024 tentang Hari-Hari Libur
 * (29 January 2024): 1 January, 1 Muharram, Isra Mikraj, Idul Fitri (two days), Idul Adha, Maulid Nabi, the birth,
 * death, resurrection and ascension of Jesus Christ, Nyepi, Waisak, Imlek, 17 August, 1 June and 1 May. Their dates
 * in a year, and that year's cuti bersama, are fixed by a joint decree (Surat Keputusan Bersama, "SKB 3 Menteri") of
 * the Minister of Religious Affairs, the Minister of Manpower and the Minister for Administrative and Bureaucratic
 * Reform; the dates of 1 Ramadan, Idul Fitri and Idul Adha may still be moved by a decree of the Minister of
 * Religious Affairs after the sighting of the moon (sidang isbat).
 *
 * - 2026: SKB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti
 *   Bersama Tahun 2026, signed on 19 September 2025: 17 national holidays and 8 cuti bersama (as published by
 *   Kemenko PMK and reported by, among others, okezone.com on 14 January 2026, tribunnews.com on 19 September 2025
 *   and disdiksmg.semarangkota.go.id).
 * - 2027: the joint decree for 2027 could not be established from the sources we consulted. Only the five holidays
 *   with a fixed date under Keppres 8/2024 are listed (1 January, 1 May, 1 June, 17 August, 25 December); the year is
 *   marked incomplete, and the planner warns about it, until the office adds the decree's days
 *   (extendHolidayCalendar; in the outreach service, POST /calendar/days).
 *
 * Pure data and functions: nothing here reads the clock (DESIGN.md, house rule 1).
 */
import { parseIsoDate, type IsoDate } from './calendar.js';
import { fail, ok, problem, type Problem, type Result } from './result.js';

/** LIBUR_NASIONAL: a national holiday; CUTI_BERSAMA: a joint leave day of the decree; OFFICE: a day the office adds. */
export type HolidayKind = 'LIBUR_NASIONAL' | 'CUTI_BERSAMA' | 'OFFICE';

export const HOLIDAY_KINDS: readonly HolidayKind[] = ['LIBUR_NASIONAL', 'CUTI_BERSAMA', 'OFFICE'];

export interface Holiday {
  readonly date: IsoDate;
  readonly kind: HolidayKind;
  /** As the decree names it ('Kelahiran Yesus Kristus', 'Cuti Bersama Kelahiran Yesus Kristus'). */
  readonly name: string;
}

export interface HolidayYear {
  readonly year: number;
  /** Where the days come from: the decree's number and date, or the office's own record. */
  readonly source: string;
  /** True when every national holiday and cuti bersama of the year is listed (the year's joint decree is in). */
  readonly complete: boolean;
  /** By date. */
  readonly days: readonly Holiday[];
}

export interface HolidayCalendar {
  /** By year. */
  readonly years: readonly HolidayYear[];
}

const SKB_2026 =
  'Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026 (19 September 2025)';
const KEPPRES_8_2024 = 'Keputusan Presiden Nomor 8 Tahun 2024 tentang Hari-Hari Libur (29 January 2024), fixed-date holidays only: the joint decree for 2027 was not established from our sources';

const day = (date: IsoDate, kind: HolidayKind, name: string): Holiday => ({ date, kind, name });
const L = 'LIBUR_NASIONAL';
const C = 'CUTI_BERSAMA';

/** The national holidays and cuti bersama we can cite (see the module comment for the sources). */
export const NATIONAL_HOLIDAYS: HolidayCalendar = {
  years: [
    {
      year: 2026,
      source: SKB_2026,
      complete: true,
      days: [
        day('2026-01-01', L, 'Tahun Baru 2026 Masehi'),
        day('2026-01-16', L, 'Isra Mikraj Nabi Muhammad S.A.W.'),
        day('2026-02-16', C, 'Cuti Bersama Tahun Baru Imlek'),
        day('2026-02-17', L, 'Tahun Baru Imlek 2577 Kongzili'),
        day('2026-03-18', C, 'Cuti Bersama Hari Suci Nyepi'),
        day('2026-03-19', L, 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
        day('2026-03-20', C, 'Cuti Bersama Idul Fitri 1447 Hijriah'),
        day('2026-03-21', L, 'Idul Fitri 1447 Hijriah'),
        day('2026-03-22', L, 'Idul Fitri 1447 Hijriah'),
        day('2026-03-23', C, 'Cuti Bersama Idul Fitri 1447 Hijriah'),
        day('2026-03-24', C, 'Cuti Bersama Idul Fitri 1447 Hijriah'),
        day('2026-04-03', L, 'Wafat Yesus Kristus'),
        day('2026-04-05', L, 'Kebangkitan Yesus Kristus (Paskah)'),
        day('2026-05-01', L, 'Hari Buruh Internasional'),
        day('2026-05-14', L, 'Kenaikan Yesus Kristus'),
        day('2026-05-15', C, 'Cuti Bersama Kenaikan Yesus Kristus'),
        day('2026-05-27', L, 'Idul Adha 1447 Hijriah'),
        day('2026-05-28', C, 'Cuti Bersama Idul Adha 1447 Hijriah'),
        day('2026-05-31', L, 'Hari Raya Waisak 2570 BE'),
        day('2026-06-01', L, 'Hari Lahir Pancasila'),
        day('2026-06-16', L, '1 Muharam Tahun Baru Islam 1448 Hijriah'),
        day('2026-08-17', L, 'Proklamasi Kemerdekaan'),
        day('2026-08-25', L, 'Maulid Nabi Muhammad S.A.W.'),
        day('2026-12-24', C, 'Cuti Bersama Kelahiran Yesus Kristus'),
        day('2026-12-25', L, 'Kelahiran Yesus Kristus'),
      ],
    },
    {
      year: 2027,
      source: KEPPRES_8_2024,
      complete: false,
      days: [
        day('2027-01-01', L, 'Tahun Baru 2027 Masehi'),
        day('2027-05-01', L, 'Hari Buruh Internasional'),
        day('2027-06-01', L, 'Hari Lahir Pancasila'),
        day('2027-08-17', L, 'Proklamasi Kemerdekaan'),
        day('2027-12-25', L, 'Kelahiran Yesus Kristus'),
      ],
    },
  ],
};

/**
 * - `HOLIDAY_YEAR_INVALID`: the year is not a whole number from 1900 to 2999;
 * - `HOLIDAY_SOURCE_MISSING`: no source (a decree, or the office's own record) is given;
 * - `HOLIDAY_DAY_INVALID`: a day is not { date, kind, name } with a real date in that year, a kind of HOLIDAY_KINDS
 *   and a name of 1 to 100 characters;
 * - `HOLIDAY_DATE_INVALID`: a date to look up is not a real date 'YYYY-MM-DD', or the range ends before it starts.
 */
export type HolidayErrorCode = (typeof HOLIDAY_ERROR_CODES)[number];

export const HOLIDAY_ERROR_CODES = ['HOLIDAY_YEAR_INVALID', 'HOLIDAY_SOURCE_MISSING', 'HOLIDAY_DAY_INVALID', 'HOLIDAY_DATE_INVALID'] as const;

export interface HolidayAddition {
  readonly year: number;
  readonly source: string;
  /** The addition lists the whole year (its joint decree): the year becomes complete. Default false. */
  readonly complete?: boolean;
  readonly days: readonly Holiday[];
}

/**
 * The calendar with an addition: the year's days merged by date (an added day replaces the day of the same date),
 * the sources joined, and the year complete when it was or the addition says so. Every problem is reported.
 *
 * @example extendHolidayCalendar(NATIONAL_HOLIDAYS, { year: 2027, source: 'Kantor', days: [{ date: '2027-03-26', kind: 'OFFICE', name: 'Wafat Yesus Kristus' }] })
 */
export function extendHolidayCalendar(calendar: HolidayCalendar, addition: HolidayAddition): Result<HolidayCalendar, HolidayErrorCode> {
  const errors: Problem<HolidayErrorCode>[] = [];
  const year = addition?.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 2999;
  if (!yearOk) errors.push(problem('HOLIDAY_YEAR_INVALID', `year must be a whole number from 1900 to 2999; got ${JSON.stringify(year ?? null)}`));
  const source = typeof addition?.source === 'string' ? addition.source.trim() : '';
  if (source === '') errors.push(problem('HOLIDAY_SOURCE_MISSING', 'source must name the decree or the office record the days come from'));
  const days = Array.isArray(addition?.days) ? addition.days : [];
  if (!Array.isArray(addition?.days)) errors.push(problem('HOLIDAY_DAY_INVALID', 'days must be a list of { date, kind, name }'));
  days.forEach((d, i) => {
    const ymd = parseIsoDate(d?.date);
    const inYear = ymd !== undefined && yearOk && Math.floor(ymd / 10000) === year;
    const name = typeof d?.name === 'string' ? d.name.trim() : '';
    if (!inYear || !HOLIDAY_KINDS.includes(d?.kind) || name.length === 0 || name.length > 100) {
      errors.push(problem('HOLIDAY_DAY_INVALID', `days[${i}] must be { date, kind, name } with a real date in ${yearOk ? year : 'the year'}, a kind of ${HOLIDAY_KINDS.join(', ')} and a name of 1 to 100 characters`));
    }
  });
  if (errors.length > 0) return fail(errors);
  const existing = calendar.years.find((y) => y.year === year);
  const byDate = new Map((existing?.days ?? []).map((d) => [d.date, d]));
  for (const d of days) byDate.set(d.date, { date: d.date, kind: d.kind, name: d.name.trim() });
  const merged: HolidayYear = {
    year,
    source: existing && existing.source !== source ? `${existing.source}; ${source}` : source,
    complete: (existing?.complete ?? false) || addition.complete === true,
    days: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
  return ok({ years: [...calendar.years.filter((y) => y.year !== year), merged].sort((a, b) => a.year - b.year) });
}

export interface HolidaysInRange {
  /** The calendar's days from `from` to `to`, both included, by date. */
  readonly days: readonly Holiday[];
  /** Years of the range whose national holidays are not all known (not in the calendar, or not complete). */
  readonly incompleteYears: readonly number[];
}

/**
 * The holidays from `from` to `to` (both included) in a calendar (default NATIONAL_HOLIDAYS), and the years of the
 * range the calendar does not know in full.
 *
 * @example holidaysBetween('2026-12-20', '2027-01-02').value.days.map((d) => d.date) // ['2026-12-24', '2026-12-25', '2027-01-01']
 */
export function holidaysBetween(from: IsoDate, to: IsoDate, calendar: HolidayCalendar = NATIONAL_HOLIDAYS): Result<HolidaysInRange, HolidayErrorCode> {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === undefined || b === undefined || b < a) {
    return fail([problem('HOLIDAY_DATE_INVALID', `from and to must be real dates 'YYYY-MM-DD', to not before from; got ${JSON.stringify(from)} and ${JSON.stringify(to)}`)]);
  }
  const days: Holiday[] = [];
  const incompleteYears: number[] = [];
  for (let year = Math.floor(a / 10000); year <= Math.floor(b / 10000); year++) {
    const known = calendar.years.find((y) => y.year === year);
    if (!known?.complete) incompleteYears.push(year);
    for (const d of known?.days ?? []) {
      const ymd = parseIsoDate(d.date) as number;
      if (ymd >= a && ymd <= b) days.push(d);
    }
  }
  return ok({ days, incompleteYears });
}
