/**
 * NIK (Nomor Induk Kependudukan), the 16-digit population identity number (UU 24/2013; PP 37/2007
 * art. 36–37):
 *
 *   PP RR DD  DDMMYY  SSSS
 *   |  |  |   |       serial from 0001 among the people with the same first 12 digits
 *   |  |  |   birth date; 40 is added to the day for women
 *   province, regency or city, kecamatan where the NIK was first issued (never changes afterwards)
 *
 * A NIK has no check digit. The year has two digits: we read it as 20YY unless that date would be after
 * `asOf`, then as 19YY. So a person aged 100 or more cannot be told from a child by the NIK alone; use
 * `checkNikAgainstPerson` with the recorded birth date.
 */
import { asOfToYmd, daysInMonth, pad4, TWO_DIGITS, type AsOf, type IsoDate } from '../calendar.js';
import { fail, NO_PROBLEMS, problem, type Problem, type Result } from '../result.js';
import { checkRegion, districtUnknownMessage } from './region-digits.js';
import { CODE_RETIRED, CODE_UNKNOWN, codeTables } from '../regions/regions.js';
import { dotSixteen, maskSixteen } from './sixteen-digits.js';

/** 'M' (laki-laki) or 'F' (perempuan). */
export type Sex = 'M' | 'F';

/**
 * Why a NIK is rejected (a closed union; new codes are added, never renamed):
 * - `NIK_FORMAT`: not exactly 16 ASCII digits once surrounding whitespace is trimmed (nothing else, no
 *   dots or inner spaces, is normalised), or not a string at all;
 * - `NIK_REGION_UNKNOWN`: the province or the regency is in neither the current nor the retired list;
 * - `NIK_BIRTH_DATE_INVALID`: the day is not 01–31 (men) or 41–71 (women), or the date is not a real
 *   calendar date in the inferred year;
 * - `NIK_SERIAL_INVALID`: the serial is 0000;
 * - `AS_OF_INVALID`: the `asOf` option is not a real date.
 */
export type NikErrorCode = (typeof NIK_ERROR_CODES)[number];

/** Every NikErrorCode (the union is derived from this list, so it is complete). */
export const NIK_ERROR_CODES = [
  'NIK_FORMAT',
  'NIK_REGION_UNKNOWN',
  'NIK_BIRTH_DATE_INVALID',
  'NIK_SERIAL_INVALID',
  'AS_OF_INVALID',
] as const;

/**
 * Findings that leave a NIK valid:
 * - `NIK_DISTRICT_UNKNOWN`: the kecamatan is not in our data under a known regency (our data starts in 2016).
 */
export type NikWarningCode = (typeof NIK_WARNING_CODES)[number];

export const NIK_WARNING_CODES = ['NIK_DISTRICT_UNKNOWN'] as const;

/** What a valid NIK says. */
export interface ParsedNik {
  /** The 16 digits (surrounding whitespace removed). */
  readonly nik: string;
  /** '53' */
  readonly provinceCode: string;
  /** '5316' */
  readonly regencyCode: string;
  /** '531601' */
  readonly districtCode: string;
  /** 'YYYY-MM-DD', century inferred against `asOf`. */
  readonly birthDate: IsoDate;
  readonly sex: Sex;
  /** '0001' */
  readonly serial: string;
  /** True when the region code is a retired one (see `Region.historical`). */
  readonly historical: boolean;
}

export type NikResult = Result<ParsedNik, NikErrorCode, NikWarningCode>;

export interface NikOptions {
  /** The date the check is made for: decides the century of the birth year. */
  readonly asOf: AsOf;
}

// Module-level aliases of what the hot path uses: in the CommonJS build every imported name is otherwise
// a property read on the imported module object at each call (measured: about 15% of a parse).
const TWO = TWO_DIGITS;
const daysIn = daysInMonth;
const readAsOf = asOfToYmd;
const UNKNOWN = CODE_UNKNOWN;
const RETIRED = CODE_RETIRED;

const AS_OF_INVALID = problem('AS_OF_INVALID' as const, 'asOf must be a real date (YYYY-MM-DD or a valid Date)');

function formatError(message: string): NikResult {
  return fail([problem('NIK_FORMAT', message)]);
}

function describeFormat(s: string): string {
  if (s.length !== 16) return `a NIK has 16 digits; got ${s.length} characters`;
  return 'a NIK has only the digits 0–9';
}

/**
 * Parses and validates a NIK. Never throws; reports every error it finds.
 *
 * @example parseNik('5316014103900001', { asOf: '2026-11-27' })
 * // { ok: true, value: { provinceCode: '53', regencyCode: '5316', districtCode: '531601',
 * //   birthDate: '1990-03-01', sex: 'F', serial: '0001', historical: false, nik: '5316014103900001' }, warnings: [] }
 */
export function parseNik(input: string, options: NikOptions): NikResult {
  const asOf = readAsOf(options?.asOf);
  if (asOf === undefined) return fail([AS_OF_INVALID]);
  if (typeof input !== 'string') return formatError(`a NIK is a string of 16 digits; got ${typeofValue(input)}`);
  let s = input;
  if (s.length !== 16) {
    s = s.trim();
    if (s.length !== 16) return formatError(describeFormat(s));
  }
  // Read the 16 digits once; any character outside '0'..'9' is a format error.
  const d0 = s.charCodeAt(0) - 48, d1 = s.charCodeAt(1) - 48, d2 = s.charCodeAt(2) - 48, d3 = s.charCodeAt(3) - 48;
  const d4 = s.charCodeAt(4) - 48, d5 = s.charCodeAt(5) - 48, d6 = s.charCodeAt(6) - 48, d7 = s.charCodeAt(7) - 48;
  const d8 = s.charCodeAt(8) - 48, d9 = s.charCodeAt(9) - 48, d10 = s.charCodeAt(10) - 48, d11 = s.charCodeAt(11) - 48;
  const d12 = s.charCodeAt(12) - 48, d13 = s.charCodeAt(13) - 48, d14 = s.charCodeAt(14) - 48, d15 = s.charCodeAt(15) - 48;
  // (x >>> 0) > 9 is true for negatives too: one comparison per digit.
  if (
    (d0 >>> 0) > 9 || (d1 >>> 0) > 9 || (d2 >>> 0) > 9 || (d3 >>> 0) > 9 ||
    (d4 >>> 0) > 9 || (d5 >>> 0) > 9 || (d6 >>> 0) > 9 || (d7 >>> 0) > 9 ||
    (d8 >>> 0) > 9 || (d9 >>> 0) > 9 || (d10 >>> 0) > 9 || (d11 >>> 0) > 9 ||
    (d12 >>> 0) > 9 || (d13 >>> 0) > 9 || (d14 >>> 0) > 9 || (d15 >>> 0) > 9
  ) {
    return formatError(describeFormat(s));
  }

  const regency = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const district = regency * 100 + d4 * 10 + d5;
  const rawDay = d6 * 10 + d7;
  const month = d8 * 10 + d9;
  const yy = d10 * 10 + d11;
  const serial = d12 * 1000 + d13 * 100 + d14 * 10 + d15;

  // Women: day + 40 (PP 37/2007 art. 37). Written without branches: sex is a coin toss in real data.
  const female = (rawDay > 40 ? 1 : 0) as 0 | 1;
  const day = rawDay - 40 * female;
  // 20YY unless that birth date is after asOf, then 19YY.
  const year = 2000 + yy - ((2000 + yy) * 10000 + month * 100 + day > asOf ? 100 : 0);
  const dateValid = day >= 1 && month >= 1 && month <= 12 && day <= daysIn(year, month);

  // Region: two table lookups on the hot path; the slow path builds the messages.
  if (districtTable === undefined) districtTable = codeTables().districts;
  const districtStatus = districtTable[district];
  if (districtStatus === UNKNOWN || !dateValid || serial === 0) {
    return slowPath(s, regency, district, rawDay, month, year, dateValid, serial);
  }
  return {
    ok: true,
    value: {
      nik: s,
      provinceCode: TWO[d0 * 10 + d1] as string,
      regencyCode: regencyString(regency, s),
      districtCode: districtString(regency, d4 * 10 + d5, s),
      birthDate: birthDateString(year, month, day),
      sex: SEXES[female],
      serial: serialString(serial, s),
      historical: districtStatus === RETIRED,
    },
    warnings: NO_PROBLEMS,
  };
}

let districtTable: Uint8Array | undefined;

/** Unknown kecamatan (a warning only), or any error: the rare cases, with full messages. */
function slowPath(
  s: string,
  regency: number,
  district: number,
  rawDay: number,
  month: number,
  year: number,
  dateValid: boolean,
  serial: number,
): NikResult {
  const region = checkRegion(regency, district);
  if (!dateValid || serial === 0 || region.unknown !== undefined) {
    const errors: Problem<NikErrorCode>[] = [];
    if (region.unknown !== undefined) errors.push(problem('NIK_REGION_UNKNOWN', region.unknown));
    if (!dateValid) errors.push(problem('NIK_BIRTH_DATE_INVALID', describeBirthDate(rawDay, month, year)));
    if (serial === 0) errors.push(problem('NIK_SERIAL_INVALID', 'the serial (digits 13–16) starts at 0001; 0000 is never issued'));
    return fail(errors);
  }
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  return {
    ok: true,
    value: {
      nik: s,
      provinceCode: TWO_DIGITS[Math.floor(regency / 100)] as string,
      regencyCode: regencyString(regency, s),
      districtCode: districtString(regency, district % 100, s),
      birthDate: birthDateString(year, month, day),
      sex: rawDay > 40 ? 'F' : 'M',
      serial: serialString(serial, s),
      historical: region.historical,
    },
    warnings: [problem('NIK_DISTRICT_UNKNOWN', districtUnknownMessage(district))],
  };
}

// The strings of a parsed NIK are drawn from small tables filled on first use, so that a parse allocates
// little more than its result: millions of NIKs share a few thousand region codes and serials.
const regencyStrings: (string | undefined)[] = new Array<string | undefined>(10_000).fill(undefined);
const districtStrings: ((string | undefined)[] | undefined)[] = new Array<(string | undefined)[] | undefined>(10_000).fill(undefined);
const serialStrings: (string | undefined)[] = new Array<string | undefined>(10_000).fill(undefined);
// 'YYYY-MM-' for the years 1900–2099 (the only ones a NIK can encode): 2,600 short strings that stay in the
// cache; the day is appended to a fresh 10-character string.
const yearMonthStrings: (string | undefined)[] = new Array<string | undefined>(200 * 13).fill(undefined);
const SEXES: readonly [Sex, Sex] = ['M', 'F'];

function regencyString(regency: number, s: string): string {
  return regencyStrings[regency] ?? (regencyStrings[regency] = s.slice(0, 4));
}

function districtString(regency: number, kecamatan: number, s: string): string {
  let list = districtStrings[regency];
  if (list === undefined) list = districtStrings[regency] = new Array<string | undefined>(100).fill(undefined);
  return list[kecamatan] ?? (list[kecamatan] = s.slice(0, 6));
}

function serialString(serial: number, s: string): string {
  return serialStrings[serial] ?? (serialStrings[serial] = s.slice(12));
}

function birthDateString(year: number, month: number, day: number): string {
  const slot = (year - 1900) * 13 + month;
  const yearMonth = yearMonthStrings[slot] ?? (yearMonthStrings[slot] = pad4(year) + '-' + TWO_DIGITS[month] + '-');
  return yearMonth + TWO[day];
}

function describeBirthDate(rawDay: number, month: number, year: number): string {
  if (rawDay === 0 || (rawDay > 31 && rawDay < 41) || rawDay > 71) {
    return `birth day digits ${TWO_DIGITS[rawDay]} are neither 01–31 (men) nor 41–71 (women)`;
  }
  if (month < 1 || month > 12) return `birth month ${TWO_DIGITS[month]} is not 01–12`;
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]} is not a calendar date`;
}

function typeofValue(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * The NIK in dotted display form, '53.16.01.410390.0001' (province.regency.kecamatan.birth date.serial),
 * or undefined when the input is not 16 digits.
 */
export function formatNik(input: string): string | undefined {
  return dotSixteen(input);
}

/**
 * The NIK as it may appear in logs (UU 27/2022 on personal data protection): region and serial kept, the
 * birth date hidden, '531601******0001'. Anything that is not a 16-digit NIK is masked whole, so a
 * malformed value never leaks either.
 */
export function maskNik(input: string): string {
  return maskSixteen(input);
}

/** Ways a NIK can disagree with the person it is recorded for. */
export type NikMismatchCode = (typeof NIK_MISMATCH_CODES)[number];

export const NIK_MISMATCH_CODES = ['NIK_BIRTH_DATE_MISMATCH', 'NIK_SEX_MISMATCH', 'PERSON_BIRTH_DATE_INVALID', 'PERSON_SEX_INVALID'] as const;

export interface PersonFacts {
  readonly birthDate: IsoDate;
  readonly sex: Sex;
}

/**
 * Checks a NIK against a person's recorded birth date and sex. The NIK's two-digit year is compared with
 * the recorded year's last two digits, so people aged 100 or more are checked correctly. Returns the
 * parsed NIK (with the recorded century) or every mismatch and NIK error.
 *
 * @example checkNikAgainstPerson('5316014103900001', { birthDate: '1990-03-01', sex: 'M' })
 * // { ok: false, errors: [{ code: 'NIK_SEX_MISMATCH', ... }] }
 */
export function checkNikAgainstPerson(
  nik: string,
  person: PersonFacts,
): Result<ParsedNik, Exclude<NikErrorCode, 'AS_OF_INVALID'> | NikMismatchCode, NikWarningCode> {
  const errors: Problem<Exclude<NikErrorCode, 'AS_OF_INVALID'> | NikMismatchCode>[] = [];
  const birth = asOfToYmdStrict(person?.birthDate);
  if (birth === undefined) errors.push(problem('PERSON_BIRTH_DATE_INVALID', 'the recorded birth date must be a real date YYYY-MM-DD'));
  if (person?.sex !== 'M' && person?.sex !== 'F') errors.push(problem('PERSON_SEX_INVALID', "the recorded sex must be 'M' or 'F'"));
  // With the recorded birth date as asOf, the NIK's century resolves to the recorded one when they agree.
  const parsed = parseNik(nik, { asOf: birth === undefined ? '2000-01-01' : (person.birthDate as string) });
  if (!parsed.ok) {
    for (const e of parsed.errors) if (e.code !== 'AS_OF_INVALID') errors.push(e as Problem<Exclude<NikErrorCode, 'AS_OF_INVALID'>>);
    return fail(errors);
  }
  if (birth !== undefined && parsed.value.birthDate.slice(2) !== person.birthDate.slice(2)) {
    errors.push(
      problem(
        'NIK_BIRTH_DATE_MISMATCH',
        `the NIK encodes the birth date ${parsed.value.nik.slice(6, 12)} (DDMMYY, +40 for women), the record says ${person.birthDate}`,
      ),
    );
  }
  if ((person?.sex === 'M' || person?.sex === 'F') && parsed.value.sex !== person.sex) {
    errors.push(
      problem('NIK_SEX_MISMATCH', `the NIK encodes sex ${parsed.value.sex} (day ${parsed.value.sex === 'F' ? '41–71' : '01–31'}), the record says ${person.sex}`),
    );
  }
  if (errors.length > 0) return fail(errors);
  const recordedCentury = person.birthDate.slice(0, 2);
  const value = { ...parsed.value, birthDate: recordedCentury + parsed.value.birthDate.slice(2) };
  return { ok: true, value, warnings: parsed.warnings };
}

function asOfToYmdStrict(value: unknown): number | undefined {
  return typeof value === 'string' ? asOfToYmd(value) : undefined;
}
